using CoFundMarket.Cli;

return await CofundCommand.RunAsync(args, Console.Out, Console.Error);
