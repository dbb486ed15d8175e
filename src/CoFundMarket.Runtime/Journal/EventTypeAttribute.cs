namespace CoFundMarket.Runtime.Journal;

/// <summary>The persisted name of an event type; defaults to the class name. Set it before renaming a class.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    /// <summary>The stable name stored with each event.</summary>
    public string Name { get; } = name;
}
