using BrowserDigits;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

// One page, no router: the App component fills <div id="app"> in wwwroot/index.html.
WebAssemblyHostBuilder builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
await builder.Build().RunAsync();
