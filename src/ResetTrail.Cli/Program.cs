using ResetTrail.Cli;

return CliApp.Run(args, System.Console.In, System.Console.Out, System.Console.Error, TimeProvider.System);
