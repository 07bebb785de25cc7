using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streams.Api.Config;
using Streams.Api.Contracts;

namespace Streams.Api.Endpoints;

internal static class ModelEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/models", List).WithTags("models").Produces<List<ModelView>>()
            .WithSummary("List model versions")
            .WithDescription("Every model version announced on the models topic (newest first per model; current marks the one in force) with its evaluation figures measured on held-out data, threshold, training source and range.");

    private static IResult List(ApiConfig config) =>
        Results.Ok(config.Models.All.Select(m => new ModelView(
            m.Model.Name, m.Model.Host, m.Model.Version, m.Model.CreatedAt, m.Model.Evaluation, m.Model.Kind, m.Model.Threshold,
            m.Model.Source, m.Model.TrainingRows, m.Model.TrainedFrom, m.Model.TrainedTo, m.Current)).ToList());
}
