using System.CommandLine;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Backtest;
using RiskEngine.Server.Import;

namespace RiskEngine.Server.Hosting;

/// <summary>
/// The executable's command line: with no command it runs the engine; <c>db migrate</c>, <c>users add|disable|enable|list|passwd</c>,
/// <c>health</c>, <c>import entities|equipment</c> and <c>backtest</c> do one job and exit. <c>--help</c> works at every level; an
/// unknown command or option exits 2 naming it (before, a mistyped command started a whole server). Configuration
/// (<c>--Section:Key=value</c>, <c>--urls</c>) is taken out first and reaches every command, see <see cref="HostArguments"/>.
/// </summary>
public static class ServerCommandLine
{
    public const int UsageExitCode = 2;

    public static async Task<int> InvokeAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var (commandArgs, configuration) = HostArguments.Separate(args);
        var root = Build(configuration, input, output, error);
        var parsed = root.Parse(commandArgs);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine(problem.Message);
            }

            error.WriteLine($"Run '{string.Join(' ', CommandPath(parsed))} --help' for usage.");
            return UsageExitCode;
        }

        // The engine's host handles SIGTERM and Ctrl+C itself (graceful shutdown); the parser must not end the process
        // first. A crash stays a crash (not exit 1, which an import uses for "some lines rejected").
        return await parsed.InvokeAsync(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        });
    }

    public static RootCommand Build(string[] configuration, TextReader input, TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "RiskEngine server. With no command, runs the engine (API, wall, silo) until stopped. Settings are given as " +
            "--Section:Key=value (e.g. --Storage:DataDirectory=/var/lib/riskengine), --urls URL, or environment variables " +
            "(Storage__DataDirectory); README.md lists them.")
        {
            Migrate(configuration, output, error),
            Users(configuration, input, output, error),
            Health(),
            ImportCommand.Create(output, error),
            BacktestCommand.Create(configuration, output, error),
        };
        root.SetAction((_, _) => EngineRun.RunAsync(configuration, error));
        return root;
    }

    private static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var path = new Stack<string>();
        for (var command = parsed.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            path.Push(command.Command.Name);
        }

        return path;
    }

    private static Command Migrate(string[] configuration, TextWriter output, TextWriter error)
    {
        var migrate = new Command("migrate", "Create or upgrade the storage schema (Storage:Provider, Storage:ConnectionString), then exit.");
        migrate.SetAction((_, cancellationToken) => ServerCommands.MigrateAsync(configuration, output, error, cancellationToken));
        return new Command("db", "The storage schema.") { migrate };
    }

    private static Command Users(string[] configuration, TextReader input, TextWriter output, TextWriter error)
    {
        Option<string> Name() => new("--name") { Description = "Login name: up to 100 characters, no spaces.", Required = true };
        Option<bool> PasswordFromStdin() => new("--password-stdin") { Description = "Read the password from standard input (required: never on the command line)." };

        var name = Name();
        var role = new Option<string>("--role") { Description = "What the person may do.", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var districts = new Option<string[]>("--district")
        {
            Description = "A district code the person is limited to; repeat for several. This or --city-wide is required.",
            HelpName = "CODE",
        };
        var cityWide = new Option<bool>("--city-wide") { Description = "The person sees and acts on the whole city (instead of --district)." };
        var passwordFromStdin = PasswordFromStdin();
        var update = new Option<bool>("--update") { Description = "Replace an existing account's password, role and jurisdiction (revokes their tokens)." };
        var add = new Command("add", "Create (or with --update, replace) a person's account in the configured store.")
        {
            name, role, districts, cityWide, passwordFromStdin, update,
        };
        add.SetAction((parsed, _) => UsersCommand.AddAsync(
            new UsersCommand.Account(parsed.GetValue(name)!, parsed.GetValue(role)!, parsed.GetValue(districts) ?? [], parsed.GetValue(cityWide),
                parsed.GetValue(passwordFromStdin), parsed.GetValue(update)),
            configuration, input, output, error));

        var disableName = Name();
        var disable = new Command("disable", "Refuse a person's logins and revoke their tokens and hub connections (within 30 s).") { disableName };
        disable.SetAction((parsed, _) => UsersCommand.SetDisabledAsync(parsed.GetValue(disableName)!, true, configuration, output, error));

        var enableName = Name();
        var enable = new Command("enable", "Let a disabled person log in again.") { enableName };
        enable.SetAction((parsed, _) => UsersCommand.SetDisabledAsync(parsed.GetValue(enableName)!, false, configuration, output, error));

        var list = new Command("list", "List people: name, role, jurisdiction, state (active, disabled, must change password), created.");
        list.SetAction((_, _) => UsersCommand.ListAsync(configuration, output, error));

        var passwdName = Name();
        var passwdFromStdin = PasswordFromStdin();
        var passwd = new Command("passwd", "Set a person's password (read from standard input); revokes their tokens and hub connections (within 30 s).")
        {
            passwdName, passwdFromStdin,
        };
        passwd.SetAction((parsed, _) => UsersCommand.SetPasswordAsync(parsed.GetValue(passwdName)!, parsed.GetValue(passwdFromStdin), configuration, input, output, error));

        return new Command("users", "People's accounts for the wall and console.") { add, disable, enable, list, passwd };
    }

    private static Command Health()
    {
        var url = HttpAddressOption.Create("--url", "The readiness address to probe, e.g. http://127.0.0.1:8080/health/ready.");
        var health = new Command("health", "Probe a running server: exit 0 when it answers 2xx within 3 s (container images carry no curl).") { url };
        health.SetAction((parsed, _) => ServerCommands.ProbeAsync(parsed.GetValue(url)!));
        return health;
    }
}
