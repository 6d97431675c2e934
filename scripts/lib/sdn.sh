# shellcheck shell=bash
# The software-defined network of a local Cairn cluster: a second bridge in the root namespace
# (the "physical trunk" between the nodes, jumbo MTU), and in every node's namespaces its own
# Open vSwitch (ovsdb-server + ovs-vswitchd, userspace datapath) and OVN: NB/SB databases
# clustered (Raft) over the first three nodes, ovn-northd on those, ovn-controller on every node
# with GENEVE encapsulation over the trunk. Requires lib/common.sh, lib/net.sh, lib/node.sh.
#
# Inside a node (its mount namespace binds these per node):
#   /run/openvswitch/db.sock   the node's OVS database (ovs-vsctl's default)
#   /run/ovn/ovnnb_db.sock     the NB database on a central node; every node reaches the NB
#                              cluster at $(sdn_nb_remotes) (the Cairn driver's nb.remote)
# Node bridges: br-phy (netdev; port trunk0 = the node's trunk NIC; internal port br-phy holds
# the tunnel address), br-int (OVN's integration bridge, netdev).

CAIRN_TRUNK_BRIDGE=${CAIRN_TRUNK_BRIDGE:-${CAIRN_BRIDGE}t}
CAIRN_TRUNK_PREFIX=${CAIRN_TRUNK_PREFIX:-${CAIRN_NET_PREFIX%.*}.$(( ${CAIRN_NET_PREFIX##*.} + 100 ))}
CAIRN_TRUNK_MTU=${CAIRN_TRUNK_MTU:-9216}
CAIRN_OVN_CENTRAL=${CAIRN_OVN_CENTRAL:-3}
CAIRN_OVN_NB_PORT=${CAIRN_OVN_NB_PORT:-6641}
CAIRN_OVN_SB_PORT=${CAIRN_OVN_SB_PORT:-6642}
CAIRN_OVN_NB_RAFT_PORT=${CAIRN_OVN_NB_RAFT_PORT:-6643}
CAIRN_OVN_SB_RAFT_PORT=${CAIRN_OVN_SB_RAFT_PORT:-6644}

# The node's OVS/OVN directories are private bind mounts of its keeper (NODE_BINDS in node.sh).

sdn_available() { command -v ovs-vswitchd >/dev/null 2>&1 && command -v ovn-controller >/dev/null 2>&1; }
sdn_trunk_veth() { echo "t$CAIRN_NETNS_PREFIX-$1"; }   # host end; the namespace end is trunk0
sdn_trunk_addr() { echo "$CAIRN_TRUNK_PREFIX.$((10 + $(node_index "$1")))"; }

# The first CAIRN_OVN_CENTRAL nodes of the cluster run the OVN databases and northd.
sdn_central_nodes() {
  local n=$1 i
  for ((i = 1; i <= n && i <= CAIRN_OVN_CENTRAL; i++)); do echo "n$i"; done
}
sdn_remotes() {   # sdn_remotes PORT N -> tcp:A1:PORT,tcp:A2:PORT,...
  local port=$1 n=$2 node out=()
  for node in $(sdn_central_nodes "$n"); do out+=("tcp:$(node_addr "$node"):$port"); done
  (IFS=,; echo "${out[*]}")
}
sdn_nb_remotes() { sdn_remotes "$CAIRN_OVN_NB_PORT" "$1"; }
sdn_sb_remotes() { sdn_remotes "$CAIRN_OVN_SB_PORT" "$1"; }

sdn_offload_off() {   # veths on netdev (userspace) bridges: TCP stalls with tx checksum offload
  local ns=$1 dev=$2
  if [[ -n $ns ]]; then
    ip netns exec "$ns" ethtool -K "$dev" tx off >/dev/null 2>&1 || warn "ethtool -K $dev tx off failed in $ns"
  else
    ethtool -K "$dev" tx off >/dev/null 2>&1 || warn "ethtool -K $dev tx off failed"
  fi
}

sdn_trunk_up() {
  local br=$CAIRN_TRUNK_BRIDGE
  if ! link_exists "$br"; then
    ip link add "$br" type bridge stp_state 0 forward_delay 0 || die "cannot create trunk bridge $br"
  fi
  ip link set "$br" mtu "$CAIRN_TRUNK_MTU"
  ip link set "$br" up
  sdn_outside_up
}

# The "outside" of the cluster for EDGE uplinks: a netns PREFIX-outside on the trunk (untagged),
# address TRUNK_PREFIX.1 (the uplink gateway of EDGE routers on the local cluster).
sdn_outside_netns() { echo "$CAIRN_NETNS_PREFIX-outside"; }
sdn_outside_addr() { echo "$CAIRN_TRUNK_PREFIX.1"; }
sdn_outside_up() {
  local ns veth=o$CAIRN_NETNS_PREFIX
  ns=$(sdn_outside_netns)
  netns_exists "$ns" || ip netns add "$ns" || die "cannot create netns $ns"
  if ! ip -n "$ns" link show dev eth0 >/dev/null 2>&1; then
    link_exists "$veth" && ip link del "$veth"
    ip link add "$veth" type veth peer name eth0 netns "$ns" || die "cannot create veth $veth <-> $ns/eth0"
  fi
  ip link set "$veth" master "$CAIRN_TRUNK_BRIDGE"
  ip link set "$veth" up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr replace "$(sdn_outside_addr)/24" dev eth0
  ip -n "$ns" link set eth0 up
  sdn_offload_off "" "$veth"
  sdn_offload_off "$ns" eth0
}

sdn_trunk_down() {
  if netns_exists "$(sdn_outside_netns)"; then ip netns del "$(sdn_outside_netns)" || warn "cannot delete netns $(sdn_outside_netns)"; fi
  if link_exists "$CAIRN_TRUNK_BRIDGE"; then
    ip link del "$CAIRN_TRUNK_BRIDGE" || warn "cannot delete trunk bridge $CAIRN_TRUNK_BRIDGE"
  fi
}

# sdn_node_net_up NODE: the node's trunk NIC (veth trunk0 in its netns, host end on the trunk bridge).
sdn_node_net_up() {
  local node=$1 ns veth
  ns=$(node_netns "$node"); veth=$(sdn_trunk_veth "$node")
  if ! link_exists "$veth" || ! ip -n "$ns" link show dev trunk0 >/dev/null 2>&1; then
    link_exists "$veth" && ip link del "$veth"
    ip -n "$ns" link del trunk0 2>/dev/null || true
    ip link add "$veth" mtu "$CAIRN_TRUNK_MTU" type veth peer name trunk0 mtu "$CAIRN_TRUNK_MTU" netns "$ns" \
      || die "cannot create veth pair $veth <-> $ns/trunk0"
  fi
  ip link set "$veth" master "$CAIRN_TRUNK_BRIDGE"
  ip link set "$veth" up
  ip -n "$ns" link set trunk0 up
  sdn_offload_off "" "$veth"
  sdn_offload_off "$ns" trunk0
}

sdn_node_net_down() {
  local veth
  veth=$(sdn_trunk_veth "$1")
  if link_exists "$veth"; then ip link del "$veth" 2>/dev/null || true; fi
  return 0
}

sdn_in() { node_nsenter "$1" -- "${@:2}"; }
sdn_pid() { read_pid "$(node_host_dir "$1")/$2"; }
sdn_vsctl() { sdn_in "$1" ovs-vsctl --timeout=20 "${@:2}"; }

# sdn_start NODE N: the node's OVS and OVN daemons (idempotent). N = number of cluster nodes.
sdn_start() {
  local node=$1 n=$2 addr taddr
  addr=$(node_addr "$node"); taddr=$(sdn_trunk_addr "$node")
  sdn_ovs_start "$node"
  sdn_vsctl "$node" --may-exist add-br br-phy -- set bridge br-phy datapath_type=netdev \
    -- --may-exist add-port br-phy trunk0 \
    -- set interface br-phy mtu_request="$CAIRN_TRUNK_MTU" -- set interface trunk0 mtu_request="$CAIRN_TRUNK_MTU" \
    || die "$node: cannot create br-phy"
  sdn_in "$node" ip link set br-phy mtu "$CAIRN_TRUNK_MTU"
  sdn_in "$node" ip addr replace "$taddr/24" dev br-phy
  sdn_in "$node" ip link set br-phy up
  if sdn_central_nodes "$n" | grep -qx "$node"; then
    sdn_ovn_db_start "$node" "$n" nb OVN_Northbound ovn-nb "$CAIRN_OVN_NB_PORT" "$CAIRN_OVN_NB_RAFT_PORT"
    sdn_ovn_db_start "$node" "$n" sb OVN_Southbound ovn-sb "$CAIRN_OVN_SB_PORT" "$CAIRN_OVN_SB_RAFT_PORT"
    if ! sdn_pid "$node" run-ovn/ovn-northd.pid >/dev/null; then
      sdn_in "$node" ovn-northd -vconsole:off --monitor --detach --pidfile=/run/ovn/ovn-northd.pid --log-file=/var/log/ovn/ovn-northd.log \
        --ovnnb-db="$(sdn_nb_remotes "$n")" --ovnsb-db="$(sdn_sb_remotes "$n")" \
        || die "$node: ovn-northd failed to start; see $(node_host_dir "$node")/log-ovn/ovn-northd.log"
    fi
  fi
  sdn_vsctl "$node" set open_vswitch . external_ids:system-id="$node" \
    external_ids:ovn-remote="$(sdn_sb_remotes "$n")" external_ids:ovn-encap-type=geneve \
    external_ids:ovn-encap-ip="$taddr" external_ids:ovn-bridge-datapath-type=netdev \
    external_ids:hostname="$node" external_ids:ovn-bridge-mappings=trunk:br-phy \
    || die "$node: cannot configure ovn-controller's external_ids"
  if ! sdn_pid "$node" run-ovn/ovn-controller.pid >/dev/null; then
    sdn_in "$node" ovn-controller -vconsole:off --monitor --detach --pidfile=/run/ovn/ovn-controller.pid \
      --log-file=/var/log/ovn/ovn-controller.log unix:/run/openvswitch/db.sock \
      || die "$node: ovn-controller failed to start; see $(node_host_dir "$node")/log-ovn/ovn-controller.log"
  fi
  log "$node: OVS + OVN up (tunnel address $taddr$(sdn_central_nodes "$n" | grep -qx "$node" && echo ', NB/SB member + northd'))"
}

sdn_ovs_start() {
  local node=$1
  if ! sdn_pid "$node" run-openvswitch/ovsdb-server.pid >/dev/null; then
    sdn_in "$node" sh -c 'test -s /etc/openvswitch/conf.db || ovsdb-tool create /etc/openvswitch/conf.db /usr/share/openvswitch/vswitch.ovsschema' \
      || die "$node: cannot create the OVS database"
    sdn_in "$node" ovsdb-server -vconsole:off --monitor /etc/openvswitch/conf.db --remote=punix:/run/openvswitch/db.sock \
      --pidfile=/run/openvswitch/ovsdb-server.pid --detach --log-file=/var/log/openvswitch/ovsdb-server.log \
      || die "$node: ovsdb-server failed to start"
    sdn_vsctl "$node" --no-wait init
    # QinQ: an 802.1ad outer tag over the 802.1Q inner tag.
    sdn_vsctl "$node" --no-wait set open_vswitch . other_config:vlan-limit=2
  fi
  if ! sdn_pid "$node" run-openvswitch/ovs-vswitchd.pid >/dev/null; then
    sdn_in "$node" ovs-vswitchd -vconsole:off --monitor unix:/run/openvswitch/db.sock --pidfile=/run/openvswitch/ovs-vswitchd.pid \
      --detach --log-file=/var/log/openvswitch/ovs-vswitchd.log \
      || die "$node: ovs-vswitchd failed to start; see $(node_host_dir "$node")/log-openvswitch/ovs-vswitchd.log"
  fi
}

# sdn_ovn_db_start NODE N nb|sb DBNAME SCHEMA CLIENT_PORT RAFT_PORT: one member of a clustered
# OVN database; the first node creates the cluster, the others join it.
sdn_ovn_db_start() {
  local node=$1 n=$2 kind=$3 name=$4 schema=$5 port=$6 rport=$7 addr seed db
  addr=$(node_addr "$node"); seed=$(node_addr n1)
  db=/var/lib/ovn/ovn${kind}_db.db
  sdn_pid "$node" "run-ovn/ovn${kind}_db.pid" >/dev/null && return 0
  if ! sdn_in "$node" test -s "$db"; then
    if [[ $node == n1 ]]; then
      if ((n == 1)); then
        sdn_in "$node" ovsdb-tool create "$db" "/usr/share/ovn/$schema.ovsschema"
      else
        sdn_in "$node" ovsdb-tool create-cluster "$db" "/usr/share/ovn/$schema.ovsschema" "tcp:$addr:$rport"
      fi
    else
      sdn_in "$node" ovsdb-tool join-cluster "$db" "$name" "tcp:$addr:$rport" "tcp:$seed:$rport"
    fi || die "$node: cannot create the $name database"
  fi
  sdn_in "$node" ovsdb-server -vconsole:off --monitor "$db" --detach --pidfile="/run/ovn/ovn${kind}_db.pid" \
    --log-file="/var/log/ovn/ovsdb-server-$kind.log" --unixctl="/run/ovn/ovn${kind}_db.ctl" \
    --remote="punix:/run/ovn/ovn${kind}_db.sock" --remote="ptcp:$port:$addr" \
    || die "$node: the $name ovsdb-server failed to start; see $(node_host_dir "$node")/log-ovn/"
}

# sdn_check NODE: every daemon of the node answers (ovn-controller can die while the NB/SB clusters
# form; --monitor restarts a crashed daemon, this catches the rest). Starts what is missing.
sdn_check() {
  local node=$1 n=$2
  if ! sdn_pid "$node" run-ovn/ovn-controller.pid >/dev/null \
     || ! sdn_pid "$node" run-openvswitch/ovs-vswitchd.pid >/dev/null; then
    warn "$node: an OVS/OVN daemon is gone; starting it again"
    sdn_start "$node" "$n"
  fi
}

# sdn_kill NODE: SIGKILL the node's OVS/OVN daemons and their --monitor parents (a lost node).
sdn_kill() {
  local node=$1 f pid parent
  for f in run-ovn/ovn-controller.pid run-ovn/ovn-northd.pid run-ovn/ovnnb_db.pid run-ovn/ovnsb_db.pid \
           run-openvswitch/ovs-vswitchd.pid run-openvswitch/ovsdb-server.pid; do
    if pid=$(sdn_pid "$node" "$f"); then
      parent=$(ps -o ppid= -p "$pid" | tr -d ' ')
      if [[ -n $parent && $parent != 1 ]] && ps -o args= -p "$parent" | grep -q -- '--monitor'; then
        kill -KILL "$parent" 2>/dev/null || true
      fi
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

sdn_stop() {
  local node=$1 f pid
  for f in run-ovn/ovn-controller.pid run-ovn/ovn-northd.pid run-ovn/ovnnb_db.pid run-ovn/ovnsb_db.pid \
           run-openvswitch/ovs-vswitchd.pid run-openvswitch/ovsdb-server.pid; do
    if pid=$(sdn_pid "$node" "$f"); then kill_wait "$pid" 5; fi
  done
}
