"""Which hosts are this machine, and which addresses are private: plain http only reaches the former, and
example images never reach the latter (a link could otherwise probe the user's own network)."""

from __future__ import annotations

import ipaddress

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        found = ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None
    if isinstance(found, ipaddress.IPv6Address) and found.ipv4_mapped is not None:
        return found.ipv4_mapped
    return found


def is_loopback_host(host: str | None) -> bool:
    """``localhost`` (and RFC 6761's ``*.localhost``) or a loopback address."""
    if not host:
        return False
    name = host.lower().rstrip(".")
    if name in _LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    address = _address(name)
    return address is not None and address.is_loopback


def is_internal_address(host: str) -> bool:
    """Whether the IP address ``host`` is on this machine or a private, link-local or otherwise non-public
    network (a name that is no address is not)."""
    address = _address(host)
    if address is None:
        return False
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
        or not address.is_global
    )
