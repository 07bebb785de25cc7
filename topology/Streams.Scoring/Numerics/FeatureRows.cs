using Microsoft.ML;
using Microsoft.ML.Data;

namespace Streams.Scoring.Numerics;

/// <summary>
/// Row-major doubles as an ML.NET data view with one fixed-size float vector column,
/// <see cref="Column"/>, the shape ML.NET's unsupervised trainers read.
/// </summary>
internal static class FeatureRows
{
    public const string Column = nameof(Row.Features);

    public static IDataView Load(MLContext ml, ReadOnlySpan<double> rows, int dimension)
    {
        var examples = new Row[rows.Length / dimension];
        for (var i = 0; i < examples.Length; i++)
        {
            var features = new float[dimension];
            for (var d = 0; d < dimension; d++)
            {
                features[d] = (float)rows[(i * dimension) + d];
            }

            examples[i] = new Row { Features = features };
        }

        var schema = SchemaDefinition.Create(typeof(Row));
        schema[Column].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return ml.Data.LoadFromEnumerable(examples, schema);
    }

    /// <summary>Dense values of an ML.NET vector, widened to doubles.</summary>
    public static double[] ToDoubles(in VBuffer<float> vector)
    {
        var values = new double[vector.Length];
        foreach (var (index, value) in vector.Items())
        {
            values[index] = value;
        }

        return values;
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }
}
