// Types for browser-path.mjs, which stays plain JS so check-browser.mjs runs before any build.
export declare const BROWSER_CANDIDATES: readonly string[];
export declare const BROWSER_INSTALL_HINT: string;
export declare function findBrowser(env?: NodeJS.ProcessEnv): string | undefined;
