// Widely used services that malware and phishing kits call or abuse: a report lists them as indicators because the
// sample contacts them, but a hunt on the name alone matches every user's benign traffic there. Hunts and hovers
// say so, and hunt them as asked: the analyst decides. The idea is the one of MISP's warning lists and the LOTS
// ("Living Off Trusted Sites") project; the names are ours, chosen from the services threat reports cite.
import { hostOf, pathStart } from './hosts';
import type { Indicator } from './types';

/**
 * Exact host names (and their `www.`), not their subdomains: a subdomain of a hosting or tunnelling service
 * (`evil.ngrok.io`, `x.azurewebsites.net`) is the attacker's own, and a hunt on it is specific.
 */
const SHARED_SERVICES = new Set([
	// Messaging, used as C2 channels and dead drops.
	't.me', 'telegram.me', 'telegram.org', 'api.telegram.org', 'telegra.ph', 'discord.com', 'discordapp.com',
	'cdn.discordapp.com', 'media.discordapp.net', 'discord.gg', 'steamcommunity.com', 'slack.com', 'hooks.slack.com',
	// Paste sites.
	'pastebin.com', 'paste.ee', 'hastebin.com', 'rentry.co', 'rentry.org', 'controlc.com', 'justpaste.it', 'pastes.io',
	'ghostbin.com', 'paste.sh', 'dpaste.com', 'privatebin.net', 'textbin.net', 'pastebin.pl', 'paste.rs',
	// File sharing and cloud storage.
	'dropbox.com', 'dl.dropboxusercontent.com', 'drive.google.com', 'docs.google.com', 'drive.usercontent.google.com',
	'storage.googleapis.com', 'firebasestorage.googleapis.com', 'mega.nz', 'mega.io', 'mediafire.com', 'filetransfer.io',
	'transfer.sh', 'gofile.io', 'wetransfer.com', 'we.tl', 'sendspace.com', 'anonfiles.com', 'file.io', 'catbox.moe',
	'files.catbox.moe', '1drv.ms', 'onedrive.live.com', 'box.com', 'app.box.com', '4shared.com', 'zippyshare.com',
	'ufile.io', 'bitbucket.org', 'sourceforge.net',
	// Code hosting.
	'github.com', 'raw.githubusercontent.com', 'gist.github.com', 'gist.githubusercontent.com',
	'objects.githubusercontent.com', 'gitlab.com', 'codeberg.org',
	// Hosting, CDN, tunnelling and dynamic DNS parents, named alone.
	'amazonaws.com', 's3.amazonaws.com', 'cloudfront.net', 'core.windows.net', 'blob.core.windows.net', 'web.core.windows.net',
	'azurewebsites.net', 'herokuapp.com', 'netlify.app', 'pages.dev', 'workers.dev', 'vercel.app', 'github.io',
	'ngrok.io', 'ngrok-free.app', 'trycloudflare.com', 'duckdns.org', 'no-ip.com', 'ddns.net', 'glitch.me', 'replit.com',
	'000webhostapp.com', 'firebaseapp.com', 'web.app', 'appspot.com', 'surge.sh', 'repl.co', 'r2.dev', 'onrender.com', 'fly.dev',
	// IP address and geolocation lookups, as stealers and loaders use them.
	'api.ipify.org', 'ipify.org', 'ipinfo.io', 'ip-api.com', 'icanhazip.com', 'ifconfig.me', 'ident.me', 'api.ip.sb',
	'checkip.amazonaws.com', 'checkip.dyndns.org', 'myexternalip.com', 'wtfismyip.com', 'ipwho.is', 'ipapi.co',
	'api.myip.com', 'ip.seeip.org', 'geoplugin.net', 'ipecho.net',
	// Link shorteners, search, social and archives.
	'bit.ly', 'tinyurl.com', 'is.gd', 'cutt.ly', 't.co', 'google.com', 'youtube.com', 'facebook.com', 'instagram.com',
	'twitter.com', 'x.com', 'linkedin.com', 'reddit.com', 'medium.com', 'notion.site', 'sites.google.com', 'forms.gle',
	'archive.org', 'web.archive.org', 'bing.com', 'login.microsoftonline.com', 'l.facebook.com',
]);

/**
 * Whether the indicator names a widely used service alone: a domain, or a link to one with no path (`t.me`,
 * `https://pastebin.com/`), or a link to one of its common pages whose query alone says what it points at
 * (`drive.google.com/uc?id=…`, `www.google.com/url?q=…`): a URL hunt matches host and path, not the query. A link
 * with a path of its own (`https://pastebin.com/raw/x1`, `t.me/evil_bot`, `dropbox.com/scl/fi/v2p3mp8q…/a.exe`) is
 * specific.
 */
export function isSharedService(indicator: Pick<Indicator, 'type' | 'value'>): boolean {
	let host: string;
	if (indicator.type === 'domain') {
		host = indicator.value.toLowerCase();
	} else if (indicator.type === 'url') {
		const path = indicator.value.slice(pathStart(indicator.value));
		if (path !== '' && path !== '/' && !isCommonPage(path)) {
			return false;
		}
		host = hostOf(indicator.value);
	} else {
		return false;
	}
	return SHARED_SERVICES.has(host.startsWith('www.') ? host.slice(4) : host);
}

/**
 * Whether a link `isSharedService` flags is one to a common page, which a URL hunt matches without its query
 * (`drive.google.com/uc?id=…`): any of them holding a query is.
 */
export function isCommonPageLink(indicator: Pick<Indicator, 'type' | 'value'>): boolean {
	return indicator.type === 'url' && indicator.value.includes('?');
}

/** Whether a shared service's link with this path (from its `/`) names it by its query only. */
export function isCommonPage(path: string): boolean {
	const query = path.indexOf('?');
	if (query < 0 || query === path.length - 1) {
		return false;
	}
	// A page's name (`/uc`, `/url`, `/watch`, `/download`, `/l.php`: one short lower-case word) or an OAuth
	// endpoint; a path naming something of its own (`/raw/hxT8mP2q`, `/evil_stealer_bot`, `/actor/repo`) is no page.
	const segments = path
		.slice(0, query)
		.split('/')
		.filter((segment) => segment !== '');
	return segments.length === 0 || (segments.length === 1 && /^[a-z.]{1,12}$/.test(segments[0])) || segments[segments.length - 1] === 'authorize';
}
