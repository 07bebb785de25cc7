namespace Streams.Deployment.Tests;

/// <summary>A fact that is skipped, with the reason in the test output, where a program is not on the PATH.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ExecutableFactAttribute : FactAttribute
{
    public ExecutableFactAttribute(string executable)
    {
        if (Executables.Find(executable) is null)
        {
            Skip = $"{executable} not installed: it is not on the PATH, so this check cannot run here.";
        }
    }
}
