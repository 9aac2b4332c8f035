#include "ctl/lab_runner_process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>

namespace l3vpn::ctl {

namespace {

std::vector<char*> c_argv(const std::vector<std::string>& argv) {
  std::vector<char*> out;
  for (const std::string& a : argv) out.push_back(const_cast<char*>(a.c_str()));  // execvp's signature
  out.push_back(nullptr);
  return out;
}

int exit_status(int raw) {
  if (WIFEXITED(raw)) return WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) return 128 + WTERMSIG(raw);
  return 127;
}

}  // namespace

CommandOutput run_command(const std::vector<std::string>& argv) {
  CommandOutput result;
  if (argv.empty()) {
    result.output = "no command";
    return result;
  }
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    result.output = std::string("pipe: ") + std::strerror(errno);
    return result;
  }
  std::vector<char*> args = c_argv(argv);
  const pid_t pid = ::fork();
  if (pid < 0) {
    result.output = std::string("fork: ") + std::strerror(errno);
    ::close(fds[0]);
    ::close(fds[1]);
    return result;
  }
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::dup2(fds[1], STDERR_FILENO);
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    ::execvp(args[0], args.data());
    const std::string why = std::string(argv[0]) + ": " + std::strerror(errno) + "\n";
    [[maybe_unused]] const ssize_t ignored = ::write(STDERR_FILENO, why.data(), why.size());
    ::_exit(127);
  }
  ::close(fds[1]);
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (result.output.size() < (1u << 20)) result.output.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int raw = 0;
  while (::waitpid(pid, &raw, 0) < 0 && errno == EINTR) {
  }
  result.status = exit_status(raw);
  return result;
}

Spawned spawn_detached(const std::vector<std::string>& argv, const std::string& log_path) {
  Spawned result;
  if (argv.empty()) {
    result.error = "no command";
    return result;
  }
  const int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log < 0) {
    result.error = log_path + ": " + std::strerror(errno);
    return result;
  }
  std::vector<char*> args = c_argv(argv);
  const pid_t pid = ::fork();
  if (pid < 0) {
    result.error = std::string("fork: ") + std::strerror(errno);
    ::close(log);
    return result;
  }
  if (pid == 0) {
    ::setsid();  // its own session: a terminal's hang-up or the runner's end does not reach it
    ::dup2(log, STDOUT_FILENO);
    ::dup2(log, STDERR_FILENO);
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    std::signal(SIGPIPE, SIG_DFL);
    // Nothing of the caller's stays open in a daemon that outlives it (a test
    // harness reading the runner's output through a pipe would wait forever).
    ::close_range(3, ~0U, 0);
    ::execvp(args[0], args.data());
    const std::string why = std::string(argv[0]) + ": " + std::strerror(errno) + "\n";
    [[maybe_unused]] const ssize_t ignored = ::write(STDERR_FILENO, why.data(), why.size());
    ::_exit(127);
  }
  ::close(log);
  result.pid = pid;
  return result;
}

bool process_matches(pid_t pid, const std::string& marker) {
  if (pid <= 0) return false;
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  if (!in) return false;
  std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (char& c : cmdline)
    if (c == '\0') c = ' ';
  return !cmdline.empty() && cmdline.find(marker) != std::string::npos;
}

bool child_exited(pid_t pid) {
  int raw = 0;
  if (::waitpid(pid, &raw, WNOHANG) == pid) return true;
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

bool stop_process(pid_t pid, int grace_ms) {
  if (pid <= 0) return true;
  auto gone = [pid] {
    int raw = 0;
    ::waitpid(pid, &raw, WNOHANG);  // our own child (up then down in one process): reap it
    return ::kill(pid, 0) != 0 && errno == ESRCH;
  };
  if (::kill(pid, SIGTERM) != 0) return errno == ESRCH;
  for (int waited = 0; waited < grace_ms; waited += 20) {
    if (gone()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  for (int waited = 0; waited < 1000; waited += 20) {
    if (gone()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace l3vpn::ctl
