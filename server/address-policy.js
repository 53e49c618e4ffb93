// @ts-check
import { BlockList, isIP } from 'node:net';

/**
 * Addresses the feed proxy must never connect to: anything that is not the public internet. The
 * ranges are those of the IANA IPv4 and IPv6 special-purpose address registries that are not
 * globally reachable, plus the ones (multicast, reserved) that are never a web server.
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of /** @type {[string, number][]} */ ([
	['0.0.0.0', 8], // "this network", unspecified
	['10.0.0.0', 8], // private
	['100.64.0.0', 10], // shared address space (carrier-grade NAT)
	['127.0.0.0', 8], // loopback
	['169.254.0.0', 16], // link-local, cloud metadata
	['172.16.0.0', 12], // private
	['192.0.0.0', 24], // IETF protocol assignments
	['192.0.2.0', 24], // documentation
	['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
	['192.168.0.0', 16], // private
	['198.18.0.0', 15], // benchmarking
	['198.51.100.0', 24], // documentation
	['203.0.113.0', 24], // documentation
	['224.0.0.0', 4], // multicast
	['240.0.0.0', 4] // reserved, limited broadcast
])) {
	BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of /** @type {[string, number][]} */ ([
	['::', 128], // unspecified
	['::1', 128], // loopback
	['64:ff9b:1::', 48], // local-use IPv4/IPv6 translation
	['100::', 64], // discard-only
	['100:0:0:1::', 64], // dummy prefix
	['2001::', 23], // IETF protocol assignments: Teredo, benchmarking, ORCHID, …
	['2001:db8::', 32], // documentation
	['3fff::', 20], // documentation
	['5f00::', 16], // segment routing SIDs
	['fc00::', 7], // unique local
	['fe80::', 10], // link-local
	['fec0::', 10], // site-local (deprecated)
	['ff00::', 8] // multicast
])) {
	BLOCKED.addSubnet(net, prefix, 'ipv6');
}

/**
 * An IPv6 address as eight 16-bit groups, a dotted IPv4 tail included; undefined when it is not
 * one (isIP has already said it is).
 * @param {string} address
 * @returns {number[] | undefined}
 */
function groups(address) {
	let text = address.toLowerCase().replace(/%.*$/, '');
	const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
	if (dotted) {
		const [a, b, c, d] = dotted.slice(1).map(Number);
		text = `${text.slice(0, dotted.index)}${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`;
	}
	const [head, tail] = text.split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
	const all = [...left, ...fill, ...right].map((g) => parseInt(g, 16));
	return all.length === 8 && all.every((g) => g >= 0 && g <= 0xffff) ? all : undefined;
}

/** @param {number} hi @param {number} lo */
const ipv4 = (hi, lo) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

/**
 * The IPv4 address an IPv6 address carries, for the forms that reach IPv4 space: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64
 * (64:ff9b::/96) and 6to4 (2002::/16). Each is judged by the IPv4 address inside it.
 * @param {number[]} g
 * @returns {string | undefined}
 */
function embeddedIPv4([g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0]) {
	const g = [g0, g1, g2, g3, g4, g5, g6, g7];
	const zeros = (/** @type {number} */ from, /** @type {number} */ to) =>
		g.slice(from, to).every((x) => x === 0);
	if (zeros(0, 5) && g5 === 0xffff) return ipv4(g6, g7);
	if (zeros(0, 4) && g4 === 0xffff && g5 === 0) return ipv4(g6, g7);
	if (zeros(0, 6)) return ipv4(g6, g7);
	if (g0 === 0x64 && g1 === 0xff9b && zeros(2, 6)) return ipv4(g6, g7);
	if (g0 === 0x2002) return ipv4(g1, g2);
	return undefined;
}

/**
 * Whether an IP address is outside the public internet. Anything that is not a valid IP is treated
 * as blocked, so a parsing surprise fails closed.
 * @param {string} address
 * @returns {boolean}
 */
export function isBlockedAddress(address) {
	const bare = address.replace(/^\[|\]$/g, '');
	const family = isIP(bare);
	if (family === 4) return BLOCKED.check(bare, 'ipv4');
	if (family !== 6) return true;
	const g = groups(bare);
	if (!g) return true;
	const inner = embeddedIPv4(g);
	if (inner !== undefined) return BLOCKED.check(inner, 'ipv4');
	return BLOCKED.check(g.map((x) => x.toString(16)).join(':'), 'ipv6');
}

/**
 * Host names that always mean this machine or its network (RFC 6761 and friends), with or
 * without the trailing dot: refused by name, before any lookup.
 * @param {string} hostname
 */
export function isLocalName(hostname) {
	const name = hostname.toLowerCase().replace(/\.+$/, '');
	return (
		name === 'localhost' ||
		/\.(localhost|local|internal|home\.arpa|lan|intranet)$/.test(name) ||
		name === 'localhost.localdomain'
	);
}
