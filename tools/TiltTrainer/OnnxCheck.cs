using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace PokerTracker.Tools.TiltTrainer;

/// <summary>Scores rows with the exported ONNX file, through ONNX Runtime, as Tilt.Worker does.</summary>
public static class OnnxCheck
{
    public const string Input = "Features";
    public const string Output = "Probability.output";

    public static List<double> Score(string modelPath, IEnumerable<float[]> rows)
    {
        using var session = new InferenceSession(modelPath);
        var scores = new List<double>();
        foreach (var features in rows)
        {
            var tensor = new DenseTensor<float>(features, [1, features.Length]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(Input, tensor)], [Output]);
            scores.Add(results[0].AsEnumerable<float>().First());
        }

        return scores;
    }
}
