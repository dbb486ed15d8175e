namespace CoFundMarket.Runtime.Grains;

/// <summary>Marks a grain interface. Every method returns <see cref="Task"/>, <see cref="Task{T}"/>,
/// <see cref="ValueTask"/> or <see cref="ValueTask{T}"/> and takes immutable, serializable values.</summary>
public interface IGrain;

/// <summary>A grain addressed by a string key (an ODS code, a project id, a pledge id).</summary>
public interface IGrainWithStringKey : IGrain;
