#include "ctl/ctl_main.hpp"

int main(int argc, char** argv) { return l3vpn::ctl::ctl_main(argc, argv); }
