#include "daemon/daemon_main.hpp"

int main(int argc, char** argv) {
  return l3vpn::daemon::daemon_main(l3vpn::config::Role::ProviderEdge, "l3vpn-pe", argc, argv);
}
