#include "daemon/tcp_brief.hpp"

#include <cstdio>

#include "bgp/transport/asio_peer_transport.hpp"
#include "bgp/transport/socket_options.hpp"

namespace l3vpn::daemon {

namespace {

std::string padded(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string hex8(int value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%08X", static_cast<unsigned>(value));
  return buffer;
}

void add_speaker(std::vector<TcpBriefRow>& rows, const bgp::Speaker& speaker) {
  for (const auto& peer : speaker.peers()) {
    const auto* transport = dynamic_cast<const bgp::AsioPeerTransport*>(peer->transport.get());
    bgp::TcpConnection* c = transport ? transport->connection() : nullptr;
    if (!c || !c->is_open()) continue;
    const int fd = c->native_handle();
    rows.push_back({fd,
                    tcp_brief_address(c->local_endpoint().address().to_string(), bgp::bound_device(fd),
                                      c->local_endpoint().port()),
                    tcp_brief_address(c->remote_endpoint().address().to_string(), "", c->remote_endpoint().port()),
                    "ESTAB"});
  }
}

void add_listener(std::vector<TcpBriefRow>& rows, bgp::TcpListener* listener) {
  if (!listener || !listener->is_open()) return;
  const int fd = listener->native_handle();
  const auto local = listener->local_endpoint();
  rows.push_back({fd, tcp_brief_address(local.address().to_string(), bgp::bound_device(fd), local.port()), "*.*",
                  "LISTEN"});
}

}  // namespace

std::string tcp_brief_address(const std::string& address, const std::string& device, unsigned port) {
  return address + (device.empty() ? "" : "%" + device) + "." + std::to_string(port);
}

std::string format_tcp_brief(const std::vector<TcpBriefRow>& rows, bool all) {
  std::string out = "TCB       Local Address               Foreign Address             (state)\n";
  for (const TcpBriefRow& row : rows) {
    if (!all && row.state == "LISTEN") continue;
    out += hex8(row.descriptor) + "  " + padded(row.local, 26) + "  " + padded(row.foreign, 26) + "  " + row.state +
           "\n";
  }
  return out;
}

std::vector<TcpBriefRow> collect_tcp_brief(const BgpRuntime& global, const VrfBgpRuntime& vrfs) {
  std::vector<TcpBriefRow> rows;
  if (global.speaker()) add_speaker(rows, *global.speaker());
  for (const auto& v : vrfs.speakers()) add_speaker(rows, *v->speaker);
  add_listener(rows, global.listener());
  for (const auto& v : vrfs.speakers())
    for (const auto& l : v->listeners) add_listener(rows, l.get());
  return rows;
}

void register_tcp_brief_command(cli::CommandTree& tree, const BgpRuntime& global, const VrfBgpRuntime& vrfs) {
  const cli::Word show{"show", "Show running system information", false};
  const cli::Word tcp{"tcp", "Status of TCP connections", false};
  const cli::Word brief{"brief", "Brief display", false};
  const cli::Word all{"all", "All end-points (including listeners)", false};
  const BgpRuntime* g = &global;
  const VrfBgpRuntime* v = &vrfs;
  tree.add({show, tcp, brief}, [g, v](const cli::Invocation&) {
    return cli::CommandResult::success(format_tcp_brief(collect_tcp_brief(*g, *v), false));
  }, false);
  tree.add({show, tcp, brief, all}, [g, v](const cli::Invocation&) {
    return cli::CommandResult::success(format_tcp_brief(collect_tcp_brief(*g, *v), true));
  }, false);
}

}  // namespace l3vpn::daemon
