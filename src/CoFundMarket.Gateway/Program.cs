using CoFundMarket.Gateway.Hosting;

GatewayApplication.Build(args).Run();
