// @ts-check
import { BlockList, isIP } from 'node:net';

/**
 * Addresses the feed proxy must never connect to: anything that is not the public internet.
 * IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are checked against the IPv4 rules by BlockList.
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
	['192.88.99.0', 24], // 6to4 relay anycast
	['192.168.0.0', 16], // private
	['198.18.0.0', 15], // benchmarking
	['198.51.100.0', 24], // documentation
	['203.0.113.0', 24], // documentation
	['224.0.0.0', 4], // multicast
	['240.0.0.0', 4] // reserved, broadcast
])) {
	BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of /** @type {[string, number][]} */ ([
	['::', 128], // unspecified
	['::1', 128], // loopback
	['::', 96], // IPv4-compatible (deprecated), would reach IPv4 space
	['64:ff9b::', 96], // NAT64 to IPv4
	['64:ff9b:1::', 48], // local-use NAT64
	['100::', 64], // discard
	['2001:db8::', 32], // documentation
	['2002::', 16], // 6to4, embeds an IPv4 address
	['fc00::', 7], // unique local
	['fe80::', 10], // link-local
	['fec0::', 10], // site-local (deprecated)
	['ff00::', 8] // multicast
])) {
	BLOCKED.addSubnet(net, prefix, 'ipv6');
}

/**
 * Whether an IP address is outside the public internet. Anything that is not a valid IP is treated
 * as blocked, so a parsing surprise fails closed.
 * @param {string} address
 */
export function isBlockedAddress(address) {
	const bare = address.replace(/^\[|\]$/g, '');
	const family = isIP(bare);
	if (family === 4) return BLOCKED.check(bare, 'ipv4');
	if (family === 6) return BLOCKED.check(bare.toLowerCase(), 'ipv6');
	return true;
}
