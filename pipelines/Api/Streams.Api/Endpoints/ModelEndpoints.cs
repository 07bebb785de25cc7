using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streams.Api.Config;
using Streams.Api.Contracts;

namespace Streams.Api.Endpoints;

internal static class ModelEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/models", List).WithTags("models").Produces<List<ModelView>>()
            .WithSummary("List model versions")
            .WithDescription("Every model version on the models topic (newest first per model; current marks the one in force): announced ones (streams train, origin announced) with their evaluation figures measured on held-out data, threshold, training source and range, and the scorers' self-trained ones (origin self-trained, key self/<host>).");
        api.MapGet("/models/coverage", Coverage).WithTags("models").Produces<List<ModelCoverageView>>()
            .WithSummary("Which hosts are covered by what")
            .WithDescription("Per host, from the models topic: coveredBy announced (a streams train model, which takes precedence over anything the scorer learns), or the scorer's own state: learning (nothing judges it yet), change-only (its short-span change detector), fleet-prior (the change detector and its group's fleet prior on levels), provisional or own-model (its self-trained model, retrained on a schedule); with the model's version, when it was trained and its age in seconds, and when the next (or first) model is due. A host the scorer has not published anything for yet is not listed.");
    }

    private static IResult List(ApiConfig config) =>
        Results.Ok(config.Models.All.Select(m => new ModelView(
            m.Model.Name, m.Model.Host, m.Model.Version, m.Model.CreatedAt, m.Model.Evaluation, m.Model.Kind, m.Model.Threshold,
            m.Model.Source, m.Model.TrainingRows, m.Model.TrainedFrom, m.Model.TrainedTo, m.Current, m.Model.Origin, m.Model.Coverage)).ToList());

    private static IResult Coverage(ApiConfig config) =>
        Results.Ok(ModelCoverage.Of(config.Models.All.Where(m => m.Current).Select(m => m.Model), TimeProvider.System.GetUtcNow()));
}
