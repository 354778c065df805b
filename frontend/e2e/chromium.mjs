// How the browser tests and the web UI benchmark (bench/ui) start Chromium: Debian's
// (`apt-get install chromium`), since test tools may not download browsers, with the
// flags that keep it from contacting anything but the app.
export const launchOptions = {
  executablePath: process.env.KOKOMA_CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
