using CoFundMarket.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.ConfigureGatewayPorts();
builder.Services.AddConfiguredStorage(builder.Configuration);
builder.Services.AddCoFundMarketSilo(builder.Configuration);

var app = builder.Build();
app.MapHealth();
app.Run();
