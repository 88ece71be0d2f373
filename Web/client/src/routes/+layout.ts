// A single-page app: rendered in the browser only.
export const ssr = false;
export const prerender = false;
