// Child processes for the integration tests: run a command to completion, or
// keep a daemon running. Every wait is bounded; a daemon still running when
// its Daemon object dies is killed, so a failed test never leaves one behind.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace l3vpn::test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

struct TempDir {
  std::string path;
  TempDir() {
    char pattern[] = "/tmp/l3vpn-it-XXXXXX";
    const char* made = ::mkdtemp(pattern);
    path = made ? made : "";
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove_all(path, ignored);
  }
  std::string file(const std::string& name) const { return path + "/" + name; }
};

// fork + exec with stdin/stdout/stderr redirected to files ("" = /dev/null).
inline pid_t spawn(const std::vector<std::string>& argv, const std::string& in_path,
                   const std::string& out_path, const std::string& err_path) {
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  const auto redirect = [](const std::string& path, int fd, int flags) {
    const int f = ::open(path.empty() ? "/dev/null" : path.c_str(), flags, 0600);
    if (f >= 0) { ::dup2(f, fd); ::close(f); }
  };
  redirect(in_path, STDIN_FILENO, O_RDONLY);
  redirect(out_path, STDOUT_FILENO, O_WRONLY | O_CREAT | O_TRUNC);
  redirect(err_path, STDERR_FILENO, O_WRONLY | O_CREAT | O_TRUNC);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execv(args[0], args.data());
  ::_exit(127);
}

// The exit status, or nothing when the process is still running at the deadline.
inline std::optional<int> wait_exit(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (r < 0) return -1;
    if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

struct RunResult {
  int exit_code = -1;  // -1: killed at the deadline
  std::string out;
  std::string err;
};

inline RunResult run(const std::vector<std::string>& argv, const std::string& stdin_text = "",
                     std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  TempDir tmp;
  const std::string in = tmp.file("in"), out = tmp.file("out"), err = tmp.file("err");
  write_file(in, stdin_text);
  const pid_t pid = spawn(argv, in, out, err);
  RunResult result;
  if (auto code = wait_exit(pid, timeout)) {
    result.exit_code = *code;
  } else {
    ::kill(pid, SIGKILL);
    wait_exit(pid, std::chrono::seconds(5));
  }
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

// Polls `condition` every 20 ms until it holds or the timeout passes.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

class DaemonProcess {
 public:
  DaemonProcess(const std::vector<std::string>& argv, std::string log_path)
      : log_path_(std::move(log_path)), pid_(spawn(argv, "", log_path_ + ".out", log_path_)) {}
  ~DaemonProcess() {
    if (running_) {
      ::kill(pid_, SIGKILL);
      wait_exit(pid_, std::chrono::seconds(5));
    }
  }
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  void signal(int number) const { ::kill(pid_, number); }
  std::optional<int> wait(std::chrono::milliseconds timeout) {
    auto code = wait_exit(pid_, timeout);
    if (code) running_ = false;
    return code;
  }
  std::string log() const { return read_file(log_path_); }
  pid_t pid() const { return pid_; }

 private:
  std::string log_path_;
  pid_t pid_;
  bool running_ = true;
};

inline bool is_socket(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
}

}  // namespace l3vpn::test
