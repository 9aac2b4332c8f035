// Interned path attributes: every distinct PathAttributes value is stored
// once, and routes hold a one-pointer handle to it.
//
// Why: a route reflector holds about a million VPNv4 paths, and the target is
// at most 200 bytes per path. A PathAttributes value alone is over 200 bytes
// before its vectors (AS_PATH, communities, route targets) allocate, while a
// VPN table typically has a few thousand distinct attribute sets (one per
// PE and VRF export policy). Sharing them makes the attributes nearly free per
// path, and makes "same attributes" a pointer comparison, which is what the
// UPDATE packer groups NLRI by.
//
// Threads: none. The reference count is not atomic: the RIB lives on the
// daemon's single event-loop thread (STYLE.md). The pool must outlive every
// handle it gave out; an attribute set is freed when its last handle goes.
#pragma once

#include <cstddef>
#include <memory>
#include <unordered_map>

#include "bgp/codec/path_attributes.hpp"

namespace l3vpn::bgp::rib {

class AttributePool;

// One interned value. Only the pool creates these.
class AttributeSet {
 public:
  const PathAttributes& attributes() const { return attributes_; }
  std::size_t hash() const { return hash_; }

 private:
  friend class AttributePool;
  friend class AttributeHandle;
  AttributeSet(PathAttributes attributes, std::size_t hash, AttributePool& pool)
      : attributes_(std::move(attributes)), hash_(hash), pool_(&pool) {}

  PathAttributes attributes_;
  std::size_t hash_;
  AttributePool* pool_;
  std::uint32_t references_ = 0;
};

// A counted reference to an interned set: 8 bytes, compared by identity
// (two handles from one pool are equal exactly when the attributes are).
class AttributeHandle {
 public:
  AttributeHandle() = default;
  AttributeHandle(const AttributeHandle& other) : set_(other.set_) { acquire(); }
  AttributeHandle(AttributeHandle&& other) noexcept : set_(other.set_) { other.set_ = nullptr; }
  AttributeHandle& operator=(AttributeHandle other) noexcept {
    std::swap(set_, other.set_);
    return *this;
  }
  ~AttributeHandle() { release(); }

  explicit operator bool() const { return set_ != nullptr; }
  const PathAttributes& operator*() const { return set_->attributes_; }
  const PathAttributes* operator->() const { return &set_->attributes_; }
  const AttributeSet* get() const { return set_; }
  bool operator==(const AttributeHandle& other) const { return set_ == other.set_; }

 private:
  friend class AttributePool;
  explicit AttributeHandle(AttributeSet* set) : set_(set) { acquire(); }
  void acquire() {
    if (set_) ++set_->references_;
  }
  void release();

  AttributeSet* set_ = nullptr;
};

class AttributePool {
 public:
  AttributePool() = default;
  AttributePool(const AttributePool&) = delete;
  AttributePool& operator=(const AttributePool&) = delete;
  ~AttributePool();

  // The handle of the set equal to `attributes`, created on first use.
  AttributeHandle intern(PathAttributes attributes);
  // Distinct sets alive (each held by at least one handle).
  std::size_t size() const { return sets_.size(); }

 private:
  friend class AttributeHandle;
  void forget(AttributeSet* set);

  // Keyed by the value's hash; equal hashes are told apart by comparing values.
  std::unordered_multimap<std::size_t, std::unique_ptr<AttributeSet>> sets_;
};

std::size_t hash_value(const PathAttributes& attributes);

inline void AttributeHandle::release() {
  if (set_ && --set_->references_ == 0) set_->pool_->forget(set_);
  set_ = nullptr;
}

}  // namespace l3vpn::bgp::rib
