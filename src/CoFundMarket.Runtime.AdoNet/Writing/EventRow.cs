using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Writing;

/// <summary>An event of a successful write on its way into <c>grain_event</c>.</summary>
/// <param name="Grain">The grain whose journal gets it.</param>
/// <param name="Sequence">Its place in that journal.</param>
/// <param name="Event">What the grain raised.</param>
/// <param name="Ordinal">1-based place among all events of the transaction; decides its feed position.</param>
internal readonly record struct EventRow(GrainId Grain, long Sequence, EventToAppend Event, int Ordinal);
