"""Which addresses a fetch may reach: nothing private unless the user allows it.

A feed is written by someone else, so its links (and any server's redirects)
must not make the tool probe the analyst's own machine or network: loopback,
link-local (cloud metadata at 169.254.169.254), private, carrier-grade NAT and
other non-global addresses are refused. The host name is resolved and every
address it resolves to is checked, so a public name pointing inward is caught
too; a URL the user typed is their own choice and is not checked.
"""

from __future__ import annotations

import ipaddress
import socket

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def private_address(url: str) -> str | None:
    """The non-public address `url`'s host is or resolves to, or None when all are public.

    An unparseable URL or a name that does not resolve gives None: the fetch
    itself then fails with the real reason.
    """
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return None
    host = parsed.host
    if not host:
        return None
    try:
        addresses: list[IPAddress] = [ipaddress.ip_address(host)]
    except ValueError:
        addresses = _resolve(host, parsed.port or (443 if parsed.scheme == "https" else 80))
    for address in addresses:
        if _is_private(address):
            return str(address)
    return None


def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    found: list[IPAddress] = []
    for info in infos:
        try:
            found.append(ipaddress.ip_address(info[4][0]))
        except ValueError:
            continue
    return found


def _is_private(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast
