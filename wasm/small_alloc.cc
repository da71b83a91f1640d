// A small-object front for C++ allocations in the Node CLI's module (not the extension's).
//
// Scoring a line allocates dozens of small blocks (the parsed JSON's strings and nodes, a
// post's fields, features, reasons) and frees them right after. Natively glibc serves
// these from a per-thread cache; in WebAssembly every one goes through dlmalloc's general
// path, which the profiles showed as ~11% of the CLI's time. This front keeps freed blocks
// of up to kMaxSmall bytes in per-size free lists (16-byte classes) and carves new ones
// from 64 KB slabs, so the common new/delete is a pointer pop/push. Larger blocks go to
// malloc. The module is single-threaded (no pthreads), so there is no locking.
//
// Memory kept in the free lists is reused, never returned: bounded by the peak of small
// blocks alive at once, which for the CLI is one batch of lines. The extension's engine
// lives as long as a tab and keeps plain malloc.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

constexpr std::size_t kAlign = 16;                  // __BIGGEST_ALIGNMENT__ in wasm32
constexpr std::size_t kHeader = kAlign;             // holds the block's size class
constexpr std::size_t kMaxSmall = 512;              // larger blocks go to malloc
constexpr std::size_t kClasses = kMaxSmall / kAlign;
constexpr std::size_t kSlabBytes = 64 * 1024;
constexpr std::uint32_t kLarge = 0xFFFFFFFFu;       // header of a block from malloc

struct FreeBlock {
  FreeBlock* next;
};

FreeBlock* free_lists[kClasses + 1];  // by class (1..kClasses): blocks of class*kAlign bytes
char* slab = nullptr;                 // the slab new blocks are carved from
std::size_t slab_left = 0;

void* allocate(std::size_t size) noexcept {
  const std::size_t cls = size == 0 ? 1 : (size + kAlign - 1) / kAlign;
  char* block;
  if (cls <= kClasses) {
    if (FreeBlock* head = free_lists[cls]) {
      free_lists[cls] = head->next;
      block = reinterpret_cast<char*>(head);
    } else {
      const std::size_t bytes = kHeader + cls * kAlign;
      if (slab_left < bytes) {
        // The slab's tail (< one block) is left unused.
        slab = static_cast<char*>(std::aligned_alloc(kAlign, kSlabBytes));
        if (slab == nullptr) {
          slab_left = 0;
          return nullptr;
        }
        slab_left = kSlabBytes;
      }
      block = slab;
      slab += bytes;
      slab_left -= bytes;
    }
    *reinterpret_cast<std::uint32_t*>(block) = static_cast<std::uint32_t>(cls);
  } else {
    if (size > SIZE_MAX - kHeader - kAlign) return nullptr;  // the rounding below must not wrap
    block = static_cast<char*>(std::aligned_alloc(kAlign, (kHeader + size + kAlign - 1) / kAlign * kAlign));
    if (block == nullptr) return nullptr;
    *reinterpret_cast<std::uint32_t*>(block) = kLarge;
  }
  return block + kHeader;
}

void release(void* pointer) noexcept {
  if (pointer == nullptr) return;
  char* block = static_cast<char*>(pointer) - kHeader;
  const std::uint32_t cls = *reinterpret_cast<std::uint32_t*>(block);
  if (cls == kLarge) {
    std::free(block);
    return;
  }
  auto* node = reinterpret_cast<FreeBlock*>(block);
  node->next = free_lists[cls];
  free_lists[cls] = node;
}

void* allocate_or_throw(std::size_t size) {
  for (;;) {
    if (void* p = allocate(size)) return p;
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

}  // namespace

// The replaceable global allocation functions (the aligned forms keep the library's own).
void* operator new(std::size_t size) { return allocate_or_throw(size); }
void* operator new[](std::size_t size) { return allocate_or_throw(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void operator delete(void* pointer) noexcept { release(pointer); }
void operator delete[](void* pointer) noexcept { release(pointer); }
void operator delete(void* pointer, std::size_t) noexcept { release(pointer); }
void operator delete[](void* pointer, std::size_t) noexcept { release(pointer); }
void operator delete(void* pointer, const std::nothrow_t&) noexcept { release(pointer); }
void operator delete[](void* pointer, const std::nothrow_t&) noexcept { release(pointer); }
