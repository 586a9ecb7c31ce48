/** The network as the application sees it: name resolution for checking where a URL points. */
package app.hearth.adapters.shared.network;
