#include <doctest/doctest.h>

#include <string>

#include "cli/control_protocol.hpp"
#include "daemon/daemon_options.hpp"

namespace cli = l3vpn::cli;
using l3vpn::daemon::parse_daemon_options;

TEST_CASE("control protocol framing") {
  CHECK(cli::encode_request("show ip vrf") == "show ip vrf\n");
  CHECK(cli::encode_request("a\nb\r") == "ab\n");
  CHECK(cli::encode_reply(cli::CommandResult::success("x\n")) == "ok\nx\n");
  CHECK(cli::encode_reply(cli::CommandResult::failure("% Incomplete command.\n")) ==
        "error\n% Incomplete command.\n");
  auto r = cli::decode_reply("ok\nline 1\nline 2\n");
  REQUIRE(r.has_value());
  CHECK(r->ok);
  CHECK(r->output == "line 1\nline 2\n");
  r = cli::decode_reply("error\n");
  REQUIRE(r.has_value());
  CHECK_FALSE(r->ok);
  CHECK(r->output.empty());
  CHECK_FALSE(cli::decode_reply("").has_value());
  CHECK_FALSE(cli::decode_reply("ok").has_value());
  CHECK_FALSE(cli::decode_reply("HTTP/1.1 200 OK\r\n").has_value());
}

TEST_CASE("daemon options") {
  auto p = parse_daemon_options({"-f", "R3.conf", "--socket", "/tmp/r3.sock", "--log-level", "debug"});
  REQUIRE(p.options.has_value());
  CHECK(p.options->config_file == "R3.conf");
  CHECK(p.options->socket_path == "/tmp/r3.sock");
  CHECK(p.options->log_level == l3vpn::core::LogLevel::Debug);
  CHECK_FALSE(p.options->check);

  p = parse_daemon_options({"--check", "-f", "R3.conf", "--socket=/x.sock", "--log-level=warning"});
  REQUIRE(p.options.has_value());
  CHECK(p.options->check);
  CHECK(p.options->socket_path == "/x.sock");
  CHECK(p.options->log_level == l3vpn::core::LogLevel::Warning);

  p = parse_daemon_options({"-f", "R3.conf", "--name", "R3"});
  REQUIRE(p.options.has_value());
  CHECK(p.options->node_name == "R3");
  CHECK(parse_daemon_options({"-f", "x", "--name"}).error == "option --name needs a node name");
  CHECK_FALSE(p.options->no_protocols);
  CHECK(parse_daemon_options({"-f", "x", "--no-protocols"}).options->no_protocols);

  // The kernel's route programming: shared nexthop objects unless asked otherwise.
  CHECK_FALSE(parse_daemon_options({"-f", "x", "--kernel"}).options->inline_nexthops);
  CHECK(parse_daemon_options({"-f", "x", "--kernel", "--inline-nexthops"}).options->inline_nexthops);
  CHECK(parse_daemon_options({"-f", "x", "--inline-nexthops"}).error == "--inline-nexthops needs --kernel");

  CHECK(parse_daemon_options({"--help"}).options->help);
  CHECK(parse_daemon_options({"--version"}).options->version);
  CHECK(parse_daemon_options({}).error == "missing -f CONFIG");
  CHECK(parse_daemon_options({"-f"}).error == "option -f needs a configuration file");
  CHECK(parse_daemon_options({"-f", "x", "--bogus"}).error == "unknown argument '--bogus'");
  CHECK(parse_daemon_options({"-f", "x", "--log-level", "loud"}).error ==
        "unknown log level 'loud' (debug, info, warning, error)");
}

TEST_CASE("default control socket path") {
  l3vpn::config::Config c;
  CHECK(l3vpn::daemon::default_socket_path(c, l3vpn::config::Role::RouteReflector) ==
        "/run/l3vpn/rr.sock");
  c.hostname = "R3";
  CHECK(l3vpn::daemon::default_socket_path(c, l3vpn::config::Role::ProviderEdge) ==
        "/run/l3vpn/R3.sock");
}
