using Streams.Alerting.Lifecycle;

namespace Streams.Topology.Alerting;

/// <summary>What every task's transformer shares: the lifecycle (over the role's rule, silence and acknowledgement books) and the wall clock.</summary>
internal sealed record AlertSettings(AlertLifecycle Lifecycle, TimeProvider Time);
