# shellcheck shell=bash
# Node network for a local Cairn cluster: a bridge in the root namespace and one network
# namespace per node, joined by a veth pair. Requires lib/common.sh.

CAIRN_BRIDGE=${CAIRN_BRIDGE:-cairn0}
# Prefix of the node netns (PREFIX-nI) and host veth (vPREFIX-nI) names; with CAIRN_BRIDGE and
# CAIRN_NET_PREFIX it lets a second cluster run on the same machine.
CAIRN_NETNS_PREFIX=${CAIRN_NETNS_PREFIX:-cairn}
CAIRN_NET_PREFIX=${CAIRN_NET_PREFIX:-10.99.0}
CAIRN_HOST_ADDR=$CAIRN_NET_PREFIX.1

node_index() { [[ $1 =~ ^n([0-9]+)$ ]] || die "bad node name '$1' (expected n1, n2, ...)"; echo "${BASH_REMATCH[1]}"; }
node_netns() { echo "$CAIRN_NETNS_PREFIX-$1"; }
node_addr()  { echo "$CAIRN_NET_PREFIX.$((10 + $(node_index "$1")))"; }
node_veth()  { echo "v$CAIRN_NETNS_PREFIX-$1"; }   # host end; the namespace end is eth0

link_exists() { ip link show dev "$1" >/dev/null 2>&1; }
link_gone() { ! link_exists "$1"; }
netns_exists() { [[ -e /run/netns/$1 ]]; }

net_bridge_up() {
  local br=$CAIRN_BRIDGE
  if ! link_exists "$br"; then
    ip link add "$br" type bridge stp_state 0 forward_delay 0 || die "cannot create bridge $br"
  fi
  ip addr replace "$CAIRN_HOST_ADDR/24" dev "$br"
  ip link set "$br" up
}

net_bridge_down() {
  if link_exists "$CAIRN_BRIDGE"; then
    ip link del "$CAIRN_BRIDGE" || warn "cannot delete bridge $CAIRN_BRIDGE"
  fi
}

# net_node_up NODE: netns + veth + addresses + default route (idempotent).
net_node_up() {
  local node=$1 ns veth addr
  ns=$(node_netns "$node"); veth=$(node_veth "$node"); addr=$(node_addr "$node")
  netns_exists "$ns" || ip netns add "$ns" || die "cannot create netns $ns"
  if ! link_exists "$veth" || ! ip -n "$ns" link show dev eth0 >/dev/null 2>&1; then
    link_exists "$veth" && ip link del "$veth"
    ip -n "$ns" link del eth0 2>/dev/null || true
    ip link add "$veth" type veth peer name eth0 netns "$ns" \
      || die "cannot create veth pair $veth <-> $ns/eth0"
  fi
  ip link set "$veth" master "$CAIRN_BRIDGE"
  ip link set "$veth" up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr replace "$addr/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" route replace default via "$CAIRN_HOST_ADDR"
}

net_node_down() {
  local node=$1 ns veth
  ns=$(node_netns "$node"); veth=$(node_veth "$node")
  if netns_exists "$ns"; then
    ip netns del "$ns" || warn "cannot delete netns $ns"
  fi
  # Deleting the netns destroys the veth pair asynchronously.
  if link_exists "$veth" && ! wait_until 2 0.1 link_gone "$veth"; then
    ip link del "$veth" 2>/dev/null || true
    if link_exists "$veth"; then warn "cannot delete $veth"; fi
  fi
  return 0
}

# Pids of every process in the node's network namespace.
net_node_pids() {
  local ns
  ns=$(node_netns "$1")
  netns_exists "$ns" || return 0
  ip netns pids "$ns" 2>/dev/null || true
}
