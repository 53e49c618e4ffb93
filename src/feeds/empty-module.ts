// rss-parser's Node-only imports (http, https, url, timers, stream) resolve here in the browser:
// parseString never uses them.
export default {};
