using Streams.Scoring.Calibration;

namespace Streams.Scoring.Series;

/// <summary>
/// One series scored point by point while it learns: trains a <see cref="SeriesModel"/> once
/// <see cref="OnlineSeriesOptions.TrainAfter"/> values are in, then retrains on its recent
/// history every <see cref="OnlineSeriesOptions.RetrainEvery"/> values. Each point is scored by
/// the model trained before it arrived, so nothing is scored with knowledge of its future.
/// </summary>
public sealed class OnlineSeriesDetector
{
    private readonly OnlineSeriesOptions _options;
    private readonly Queue<double> _history = new();
    private readonly SeriesDetectorOptions[] _kinds;
    private readonly SeriesState[] _states;
    private readonly SeriesModel?[] _models;
    private readonly MinDurationFilter _duration;
    private long _seen;
    private long _quietUntil;

    public OnlineSeriesDetector(OnlineSeriesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _kinds = options.Level is { } level ? [options.Series, level] : [options.Series];
        _states = [.. _kinds.Select(kind => new SeriesState(kind))];
        _models = new SeriesModel?[_kinds.Length];
        _duration = new MinDurationFilter(options.MinDuration);
    }

    /// <summary>The current model over differenced values; null while learning.</summary>
    public SeriesModel? Model => _models[0];

    public SeriesVerdict Observe(double value)
    {
        var verdict = new SeriesVerdict(0, false, _models[0] is null);
        if (_models[0] is not null)
        {
            var ratio = 0.0;
            for (var m = 0; m < _models.Length; m++)
            {
                var score = _models[m]!.Score(_states[m], value) / _models[m]!.Threshold;
                ratio = double.IsNaN(score) ? ratio : Math.Max(ratio, score);
            }

            var over = _duration.Next(ratio > 1);
            var alarm = over && _seen >= _quietUntil;
            if (alarm)
            {
                _quietUntil = _seen + 1 + _options.Refractory;
            }

            verdict = new SeriesVerdict(ratio, alarm, false);
        }
        else
        {
            foreach (var state in _states)
            {
                state.Push(value);
            }
        }

        _history.Enqueue(value);
        if (_history.Count > _options.MaxHistory)
        {
            _history.Dequeue();
        }

        _seen++;
        if (_seen == _options.TrainAfter || (_seen > _options.TrainAfter && (_seen - _options.TrainAfter) % _options.RetrainEvery == 0))
        {
            double[] history = [.. _history];
            for (var m = 0; m < _models.Length; m++)
            {
                _models[m] = SeriesModel.Train(history, _kinds[m]);
            }
        }

        return verdict;
    }
}
