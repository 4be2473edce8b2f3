// Replays a libFuzzer target's seed corpus without libFuzzer (GCC builds):
// every seed as is, then a bounded number of deterministic mutations of each
// (bit flips, truncations, duplications), so the target still runs on
// hostile input in every build.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
        return 2;
    }
    std::vector<std::vector<std::uint8_t>> seeds;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path p(argv[i]);
        std::vector<std::filesystem::path> files;
        if (std::filesystem::is_directory(p)) {
            for (const auto& e : std::filesystem::directory_iterator(p)) {
                if (e.is_regular_file()) files.push_back(e.path());
            }
        } else {
            files.push_back(p);
        }
        for (const auto& f : files) {
            std::ifstream in(f, std::ios::binary);
            seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
    }
    if (seeds.empty()) {
        std::fprintf(stderr, "no seeds found\n");
        return 1;
    }
    std::mt19937 rng(12345);
    std::size_t runs = 0;
    for (const auto& s : seeds) {
        LLVMFuzzerTestOneInput(s.data(), s.size());
        ++runs;
        for (int m = 0; m < 300; ++m) {
            std::vector<std::uint8_t> v = s;
            switch (rng() % 4) {
            case 0:
                if (!v.empty()) v[rng() % v.size()] ^= static_cast<std::uint8_t>(1U << (rng() % 8));
                break;
            case 1:
                if (!v.empty()) v.resize(rng() % v.size());
                break;
            case 2:
                if (!v.empty()) {
                    const std::size_t at = rng() % v.size();
                    v.insert(v.begin() + static_cast<std::ptrdiff_t>(at), v.begin(),
                             v.begin() + static_cast<std::ptrdiff_t>(at));
                }
                break;
            default:
                if (!v.empty()) v[rng() % v.size()] = static_cast<std::uint8_t>(rng());
                break;
            }
            LLVMFuzzerTestOneInput(v.data(), v.size());
            ++runs;
        }
    }
    std::printf("standalone fuzz driver: %zu inputs from %zu seeds, no crash\n", runs, seeds.size());
    return 0;
}
