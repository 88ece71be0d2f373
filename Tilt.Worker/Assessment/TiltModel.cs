using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using PokerTracker.SharedKernel.Tilt;

namespace PokerTracker.Tilt.Assessment;

/// <summary>
/// The trained tilt model through ONNX Runtime: one session, reused by every assessment (Run is
/// thread-safe). Absent or broken model: <see cref="IsLoaded"/> is false and callers use the rules.
/// </summary>
public sealed class TiltModel : IDisposable
{
    public const string InputName = "Features";
    public const string OutputName = "Probability.output";
    private readonly InferenceSession? _session;
    private readonly RunOptions _run = new();

    public TiltModel(IOptions<TiltOptions> options, ILogger<TiltModel> logger)
    {
        var path = Path.IsPathRooted(options.Value.ModelPath) ? options.Value.ModelPath : Path.Combine(AppContext.BaseDirectory, options.Value.ModelPath);
        try
        {
            _session = new InferenceSession(path, new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
            logger.LogInformation("Tilt model loaded from {Path}", path);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or FileNotFoundException or DirectoryNotFoundException)
        {
            logger.LogWarning("Tilt model not available ({Reason}): assessing with the rules", ex.Message);
        }
    }

    public bool IsLoaded => _session is not null;

    /// <summary>The probability of tilt for one feature vector.</summary>
    public float Score(float[] features)
    {
        if (_session is null)
        {
            throw new InvalidOperationException("No model loaded.");
        }

        using var input = OrtValue.CreateTensorValueFromMemory(features, [1, TiltFeatures.Count]);
        using var outputs = _session.Run(_run, [InputName], [input], [OutputName]);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    public void Dispose()
    {
        _session?.Dispose();
        _run.Dispose();
    }
}
