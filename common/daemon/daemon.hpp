// One running daemon: its configuration, control socket and signal handling,
// on one single-threaded io_context (edge code, Asio).
//
// Threads: everything runs on the thread calling run(). Signals: SIGTERM and
// SIGINT stop the io_context (run() returns 0, the socket file is removed);
// SIGHUP reloads the configuration file: one with parse or role errors is
// refused, each error logged, and the configuration in force stays; a good
// one replaces it. Failure: run() returns 1 when the control socket cannot be
// opened (the reason is logged); it never throws for bad input.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <memory>
#include <string>

#include "cli/command_tree.hpp"
#include "cli/control_server.hpp"
#include "cli/show_commands.hpp"
#include "config/parser.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"

namespace l3vpn::daemon {

struct DaemonSetup {
  std::string name;  // "l3vpn-pe"
  config::Role role = config::Role::ProviderEdge;
  std::string config_file;
  std::string node_name;  // hostname when the config has none, also on reload
  std::string socket_path;
  config::Config config;  // already loaded and checked
};

class Daemon {
 public:
  Daemon(DaemonSetup setup, const core::Clock& clock, const core::Logger& log);
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  int run();

 private:
  void wait_for_signal();
  void on_signal(int signal_number);
  void reload();

  boost::asio::io_context io_;
  const core::Logger& log_;
  std::string socket_path_;
  std::string node_name_;
  cli::ShowContext context_;
  cli::CommandTree tree_;
  cli::ControlServer server_;
  boost::asio::signal_set signals_;
};

}  // namespace l3vpn::daemon
