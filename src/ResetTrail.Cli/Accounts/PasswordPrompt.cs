using System.Text;
using ResetTrail.Cli.Console;

namespace ResetTrail.Cli.Accounts;

/// <summary>
/// Gets a new password: from the first line of standard input with --password-stdin, else typed twice on the
/// terminal without echo. Never from a command-line argument, where it would sit in the shell history and ps.
/// </summary>
internal static class PasswordPrompt
{
    public static string Read(CliIO io, bool fromStdin)
    {
        if (fromStdin)
        {
            var line = io.Input.ReadLine();
            return string.IsNullOrEmpty(line) ? throw new CommandFailedException("--password-stdin: standard input held no password line") : line;
        }

        if (!ReferenceEquals(io.Input, System.Console.In) || System.Console.IsInputRedirected)
        {
            throw new CommandFailedException("no terminal to prompt on: pipe the password in with --password-stdin", ExitCodes.Usage);
        }

        var first = Hidden(io, "New password: ");
        var second = Hidden(io, "Repeat it: ");
        return first == second ? first : throw new CommandFailedException("the two passwords differ; nothing was changed");
    }

    private static string Hidden(CliIO io, string prompt)
    {
        io.Error.Write(prompt);
        var typed = new StringBuilder();
        for (var key = System.Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = System.Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        io.Error.WriteLine();
        return typed.ToString();
    }
}
