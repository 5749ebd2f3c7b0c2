/**
 * The PrimeFaces console at {@code /admin/*.xhtml} (admin.md §3): one backing bean per page, each calling the same
 * control EJBs as the admin JSON API, so no rule lives here twice. Sign-in goes through the API's authentication
 * mechanism ({@code AdminAuthentication}); {@link dev.codexauth.console.pages.ConsoleGate} keeps signed-out callers
 * on the sign-in page. No page keeps a secret beyond the response that revealed it.
 */
package dev.codexauth.console.pages;
