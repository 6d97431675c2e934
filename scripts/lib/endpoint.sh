# shellcheck shell=bash
# Test endpoints: a network namespace attached to a node's Open vSwitch exactly as a VM's NIC is
# (a port on br-int with external_ids:iface-id = the OVN logical port, or an access port on a
# VLAN/QinQ bridge), for tests and benchmarks that need many or fast endpoints.
# Requires lib/common.sh, lib/net.sh, lib/node.sh, lib/sdn.sh.

ep_netns() { echo "$CAIRN_NETNS_PREFIX-ep-$1"; }

# ep_add NODE NAME MAC MTU BRIDGE IFACE_ID [PORT_COLUMN=VALUE...]: netns PREFIX-ep-NAME with
# eth0 (MAC, MTU); its peer ("e" + 10 hex of NAME's md5) becomes a port of BRIDGE on NODE's OVS,
# bound to the OVN logical port IFACE_ID ("-" for none), with the port settings (e.g. tag=100).
ep_add() {
  local node=$1 name=$2 mac=$3 mtu=$4 bridge=$5 iface=$6 ns port ids=()
  shift 6
  ns=$(ep_netns "$name"); port=e$(printf '%s' "$name" | md5sum | cut -c1-10)
  netns_exists "$ns" || ip netns add "$ns" || die "cannot create netns $ns"
  ip -n "$ns" link del eth0 2>/dev/null || true
  ip link add "$port" mtu "$mtu" type veth peer name eth0 mtu "$mtu" netns "$ns" \
    || die "cannot create veth $port"
  ip link set "$port" netns "$(node_netns "$node")"
  ip -n "$ns" link set eth0 address "$mac"
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  sdn_in "$node" ip link set "$port" up
  sdn_offload_off "$ns" eth0
  sdn_offload_off "$(node_netns "$node")" "$port"
  [[ $iface == - ]] || ids=(external_ids:iface-id="$iface" external_ids:attached-mac="$mac")
  sdn_vsctl "$node" --may-exist add-port "$bridge" "$port" "$@" -- set interface "$port" mtu_request="$mtu" "${ids[@]}" \
    || die "cannot add $port to $bridge on $node"
}

ep_del() {
  local node=$1 name=$2 port
  port=e$(printf '%s' "$name" | md5sum | cut -c1-10)
  sdn_vsctl "$node" --if-exists del-port "$port" || true
  if netns_exists "$(ep_netns "$name")"; then ip netns del "$(ep_netns "$name")" || true; fi
}

ep_exec() { local name=$1; shift; ip netns exec "$(ep_netns "$name")" "$@"; }

# ep_dhcp NAME: ask the network's DHCP (OVN native DHCP) for an address, print it.
ep_dhcp() {
  local name=$1
  ep_exec "$name" busybox udhcpc -i eth0 -q -n -t 5 -T 1 -s "$CAIRN_REPO/scripts/lib/udhcpc-ns.script" >/dev/null 2>&1 \
    || return 1
  ep_exec "$name" ip -4 -o addr show dev eth0 | awk '{print $4}' | head -1
}

# Every endpoint netns of this cluster (PREFIX-ep-*).
ep_del_all() {
  local ns
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$CAIRN_NETNS_PREFIX-ep-" || true); do
    ip netns del "$ns" || warn "cannot delete netns $ns"
  done
}
