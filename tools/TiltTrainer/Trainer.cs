using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using PokerTracker.SharedKernel.Tilt;

namespace PokerTracker.Tools.TiltTrainer;

public sealed class FeatureRow
{
    [VectorType(13)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}

public sealed class FeaturesOnly
{
    [VectorType(13)]
    public float[] Features { get; set; } = [];
}

public sealed class Prediction
{
    public float Probability { get; set; }
}

public sealed record TrainingResult(ITransformer Model, MLContext Ml, DataViewSchema Schema, List<FeatureRow> Train, List<FeatureRow> Test);

/// <summary>LightGBM on the shared features, single-threaded and seeded so a re-run gives the same model.</summary>
public static class Trainer
{
    public const int Trees = 200;
    public const int Leaves = 31;

    public static TrainingResult Train(List<FeatureRow> train, List<FeatureRow> test, int seed)
    {
        if (TiltFeatures.Count != 13)
        {
            throw new InvalidOperationException("Update the [VectorType] sizes to the feature count.");
        }

        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(train);
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfLeaves = Leaves,
            NumberOfIterations = Trees,
            LearningRate = 0.05,
            MinimumExampleCountPerLeaf = 40,
            NumberOfThreads = 1,
            Seed = seed,
            Verbose = false,
            Silent = true,
        });
        var model = trainer.Fit(data);
        return new TrainingResult(model, ml, data.Schema, train, test);
    }

    public static List<double> Score(TrainingResult result, IEnumerable<FeatureRow> rows)
    {
        var predictions = result.Model.Transform(result.Ml.Data.LoadFromEnumerable(rows));
        return result.Ml.Data.CreateEnumerable<Prediction>(predictions, reuseRowObject: false).Select(p => (double)p.Probability).ToList();
    }

    public static void ExportOnnx(TrainingResult result, Stream output)
    {
        // Exported from a features-only view so that the label is not a model input.
        var featuresOnly = result.Ml.Data.LoadFromEnumerable(result.Test.Take(10).Select(r => new FeaturesOnly { Features = r.Features }));
        result.Ml.Model.ConvertToOnnx(result.Model, featuresOnly, output);
    }
}
