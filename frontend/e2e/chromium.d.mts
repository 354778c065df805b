import type { LaunchOptions } from "@playwright/test";

/** Debian's Chromium and the flags the browser tests and the UI benchmark start it with. */
export declare const launchOptions: LaunchOptions;
