using Streams.Api.Contracts;
using Streams.Scoring.Artifacts;

namespace Streams.Api.Config;

/// <summary>
/// Each host's coverage from the current records of the models topic, by the scorer's precedence:
/// an announced model (<c>host/&lt;host&gt;</c>) over the scorer's own record (<c>self/&lt;host&gt;</c>).
/// </summary>
internal static class ModelCoverage
{
    private static readonly HashSet<string> Trained = new(StringComparer.Ordinal) { "provisional", "own-model" };

    public static List<ModelCoverageView> Of(IEnumerable<ModelMetadata> current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var byHost = current.GroupBy(m => m.Host, StringComparer.Ordinal);
        var views = new List<ModelCoverageView>();
        foreach (var host in byHost.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var self = host.FirstOrDefault(m => m.Origin == ModelMetadata.SelfTrainedOrigin);
            var selfTrained = self is not null && Trained.Contains(self.Coverage ?? "");
            if (host.FirstOrDefault(m => m.Origin != ModelMetadata.SelfTrainedOrigin) is { } announced)
            {
                views.Add(new ModelCoverageView(host.Key, "announced", announced.Name, announced.Version, announced.CreatedAt, Age(announced.CreatedAt, now),
                    null, null, announced.TrainingRows, self?.Group, selfTrained));
            }
            else if (self is not null)
            {
                views.Add(selfTrained
                    ? new ModelCoverageView(host.Key, self.Coverage!, self.Name, self.Version, self.CreatedAt, Age(self.CreatedAt, now),
                        self.NextRetrainAt, self.WindowsSeen, self.TrainingRows, self.Group, true)
                    : new ModelCoverageView(host.Key, self.Coverage ?? "learning", null, null, null, null, self.NextRetrainAt, null, 0, self.Group, false));
            }
        }

        return views;
    }

    private static double Age(DateTimeOffset trainedAt, DateTimeOffset now) => Math.Max(0, (now - trainedAt).TotalSeconds);
}
