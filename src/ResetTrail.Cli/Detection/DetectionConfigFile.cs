using ResetTrail.Cli.Console;
using ResetTrail.Detection.Config;

namespace ResetTrail.Cli.Detection;

/// <summary>Loads --config, or the built-in default (policies/detection.yaml); every problem is printed as file:line:col.</summary>
internal static class DetectionConfigFile
{
    public static DetectionConfig Load(string? path, CliIO io)
    {
        if (path is null)
        {
            return DetectionConfig.Default;
        }

        if (!File.Exists(path))
        {
            throw new CommandFailedException($"--config '{path}' does not exist", ExitCodes.Usage);
        }

        var result = DetectionConfigLoader.Load(File.ReadAllBytes(path), path);
        foreach (var problem in result.Problems)
        {
            io.Error.WriteLine(problem.ToString());
        }

        return result.Config ?? throw new CommandFailedException($"{path}: {result.Problems.Count(p => p.IsError)} error(s); nothing was detected");
    }
}
