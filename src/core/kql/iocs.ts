// Groups indicators into hunt families and normalises each value to the key the queries compare against.
import * as ipaddr from 'ipaddr.js';
import { toASCII } from 'punycode.js';
import { trimEndWhere } from '../chars';
import type { Indicator, IocType } from '../types';

export type Family = 'domain' | 'url' | 'ip' | 'ip_port' | 'ip_range' | 'hash' | 'email';
export const FAMILIES: readonly Family[] = ['domain', 'url', 'ip', 'ip_port', 'ip_range', 'hash', 'email'];

export const FAMILY_OF: Readonly<Partial<Record<IocType, Family>>> = {
	domain: 'domain',
	url: 'url',
	ipv4: 'ip',
	ipv6: 'ip',
	ip_port: 'ip_port',
	cidr: 'ip_range',
	md5: 'hash',
	sha1: 'hash',
	sha256: 'hash',
	email: 'email',
};

/** Normalised value lists of one family, ready to be written as KQL lists. */
export interface FamilyValues {
	readonly family: Family;
	readonly indicators: readonly Indicator[];
	/** Named lists, e.g. `domains`, or `urls` + `url_hosts`, or `sha256`/`sha1`/`md5`. */
	readonly lists: ReadonlyMap<string, readonly string[]>;
}

/** Lower-case host (no trailing dot). */
export function normDomain(value: string): string {
	return trimEndWhere(value.trim().toLowerCase(), (c) => c === 0x2e);
}

const URL_RE = /^(?:[a-z][\w+.-]*:\/\/)?(?:[^@/?#]*@)?(\[[^\]/]*\]|[^/?#:]*)(?::(\d*))?([^?#]*)/i;

/** A `file://` URL naming a WebDAV share: its host, then `@SSL` or `@port`. */
const WEBDAV = /^file:\/\/([^/@?#]+)@(ssl|\d{1,5})(?=[/?#]|$)/i;

/**
 * What the server of a WebDAV `file://` URL is asked for: `file://host@SSL/DavWWWRoot/a.lnk` is `https://host/a.lnk`
 * (`DavWWWRoot` names the share's root), `file://1.2.3.4@8080/x` is `http://1.2.3.4:8080/x`. Other URLs as they are.
 */
function webdavAsHttp(url: string): string {
	const m = WEBDAV.exec(url);
	if (!m) {
		return url;
	}
	const ssl = m[2].toLowerCase() === 'ssl';
	const path = url.slice(m[0].length).replace(/^\/davwwwroot(?=[/?#]|$)/i, '');
	return `${ssl ? 'https' : 'http'}://${m[1]}:${ssl ? '443' : m[2]}${path}`;
}

/** Ports a URL key leaves out: `https://a/x` and `https://a:443/x` are one URL (the scheme is ignored as well). */
export const DEFAULT_URL_PORTS = ['80', '443'] as const;

/**
 * The key a URL is compared on: lower-case host[:port]/path, no scheme, query, fragment, trailing `/`, or default
 * port (80, 443).
 */
export function urlKey(value: string): { key: string; host: string } {
	const m = URL_RE.exec(webdavAsHttp(value.trim()));
	const host = normDomain(m?.[1] ?? '');
	const port = m?.[2] && !(DEFAULT_URL_PORTS as readonly string[]).includes(m[2]) ? `:${m[2]}` : '';
	const key = trimEndWhere(`${host}${port}${m?.[3] ?? ''}`.toLowerCase(), (c) => c === 0x2f);
	return { key, host };
}

/**
 * An IPv6 address in the form logs write it (RFC 5952: lowercase, leading zeros dropped, the longest zero run as
 * `::`), so `2001:0DB8:0:0::1` matches a logged `2001:db8::1`; lowercase as written when it does not parse.
 */
export function canonicalIpv6(value: string): string {
	const v = value.trim().toLowerCase();
	try {
		const address = ipaddr.IPv6.parse(v);
		// RFC 5952 §5: an IPv4-mapped address keeps its IPv4 part dotted (`::ffff:1.2.3.4`), as logs write it.
		return address.isIPv4MappedAddress() ? `::ffff:${address.toIPv4Address().toString()}` : address.toRFC5952String();
	} catch {
		return v;
	}
}

/** `1.2.3.4:80` / `[::1]:80` → ip and the `ip:port` key as the queries build it. */
export function ipPort(value: string): { ip: string; key: string } | undefined {
	const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(value.trim()) ?? /^([^:]+):(\d{1,5})$/.exec(value.trim());
	if (!m) {
		return undefined;
	}
	const ip = m[1].includes(':') ? canonicalIpv6(m[1]) : m[1].toLowerCase();
	const port = String(Number(m[2]));
	return { ip, key: ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}` };
}

class Lists {
	private readonly map = new Map<string, Set<string>>();
	add(name: string, value: string): void {
		if (!value) {
			return;
		}
		let set = this.map.get(name);
		if (!set) {
			set = new Set();
			this.map.set(name, set);
		}
		set.add(value);
	}
	result(): ReadonlyMap<string, readonly string[]> {
		return new Map([...this.map].map(([k, v]) => [k, [...v]]));
	}
}

/** The ASCII (punycode) form of a host with non-ASCII letters (`bücher.de` → `xn--bcher-kva.de`), else the host. */
function asciiHost(host: string): string {
	if (!/[^\u0020-\u007e]/u.test(host)) {
		return host;
	}
	try {
		return toASCII(host).toLowerCase();
	} catch {
		return host;
	}
}

function addValue(lists: Lists, ioc: Indicator): void {
	const v = ioc.value;
	switch (ioc.type) {
		case 'domain': {
			// Logs hold an internationalised name in its ASCII (punycode) form: both forms are hunted.
			const d = normDomain(v);
			lists.add('domains', d);
			return lists.add('domains', asciiHost(d));
		}
		case 'url': {
			const u = urlKey(v);
			lists.add('urls', u.key);
			lists.add('url_hosts', u.host);
			const ascii = asciiHost(u.host);
			if (ascii !== u.host && u.key.startsWith(u.host)) {
				lists.add('urls', ascii + u.key.slice(u.host.length));
				lists.add('url_hosts', ascii);
			}
			return;
		}
		case 'ipv4':
			return lists.add('ips', v.trim().toLowerCase());
		case 'ipv6':
			return lists.add('ips', canonicalIpv6(v));
		case 'ip_port': {
			const p = ipPort(v);
			if (p) {
				lists.add('ip_ports', p.key);
				lists.add('ip_port_ips', p.ip);
			}
			return;
		}
		case 'cidr': {
			// IPv6 networks as logs write their addresses (RFC 5952), IPv4 ones as they are; KQL's range checks take both.
			const slash = v.lastIndexOf('/');
			const address = (slash < 0 ? v : v.slice(0, slash)).trim();
			const prefix = slash < 0 ? '' : `/${Number(v.slice(slash + 1))}`;
			return address.includes(':') ? lists.add('ipv6_ranges', `${canonicalIpv6(address)}${prefix}`) : lists.add('ipv4_ranges', `${address}${prefix}`);
		}
		case 'md5':
		case 'sha1':
		case 'sha256':
			return lists.add(ioc.type, v.trim().toLowerCase());
		case 'email':
			return lists.add('senders', v.trim().toLowerCase());
		default:
			return;
	}
}

/** Splits indicators by family; values are normalised and de-duplicated in first-seen order. */
export function groupByFamily(indicators: readonly Indicator[]): FamilyValues[] {
	const out: FamilyValues[] = [];
	for (const family of FAMILIES) {
		const members = indicators.filter((i) => FAMILY_OF[i.type] === family);
		if (members.length === 0) {
			continue;
		}
		const lists = new Lists();
		for (const ioc of members) {
			addValue(lists, ioc);
		}
		const result = lists.result();
		if (result.size > 0) {
			out.push({ family, indicators: members, lists: result });
		}
	}
	return out;
}
