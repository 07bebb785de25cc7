namespace Streams.Deployment.Tests;

/// <summary>The roles that run as their own service or workload, and where Kubernetes keeps their state.</summary>
internal static class DeploymentRoles
{
    public static readonly string[] All = ["collector", "logs", "processor", "scorer", "alerting", "sink", "notifier", "forecaster", "api"];

    /// <summary>Roles with RocksDB state stores: StatefulSets in Kubernetes.</summary>
    public static readonly string[] Stateful = ["processor", "scorer", "alerting"];

    /// <summary>Roles scaled by a HorizontalPodAutoscaler.</summary>
    public static readonly string[] Autoscaled = ["processor", "scorer"];
}
