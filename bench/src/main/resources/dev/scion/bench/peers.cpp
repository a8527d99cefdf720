// Native peers for `scion bench vector`: hnswlib and FAISS HNSW, built and queried exactly like the
// Java systems (single-threaded, same M and efConstruction, a sweep of ef), one JSON line per ef.
// Usage: peers hnswlib|faiss BASE.fvecs QUERIES.fvecs TRUTH.ivecs l2|ip M EF_CONSTRUCTION K EF1,EF2,...
#include <hnswlib/hnswlib.h>
#include <faiss/IndexHNSW.h>
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

static std::vector<float> read_fvecs(const char* path, int* dim, size_t* n) {
  std::ifstream in(path, std::ios::binary);
  if (!in) { fprintf(stderr, "peers: cannot open %s\n", path); exit(1); }
  std::vector<float> out;
  int d = 0;
  size_t count = 0;
  while (in.read(reinterpret_cast<char*>(&d), 4)) {
    size_t at = out.size();
    out.resize(at + d);
    in.read(reinterpret_cast<char*>(out.data() + at), 4L * d);
    count++;
  }
  *dim = d;
  *n = count;
  return out;
}

static std::vector<int> read_ivecs(const char* path, int* k) {
  std::ifstream in(path, std::ios::binary);
  std::vector<int> out;
  int d = 0;
  while (in.read(reinterpret_cast<char*>(&d), 4)) {
    size_t at = out.size();
    out.resize(at + d);
    in.read(reinterpret_cast<char*>(out.data() + at), 4L * d);
  }
  *k = d;
  return out;
}

static long rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6) * 1024L;
  }
  return 0;
}

static double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int main(int argc, char** argv) {
  if (argc != 10) {
    fprintf(stderr, "usage: peers hnswlib|faiss BASE QUERIES TRUTH l2|ip M EFC K EFS\n");
    return 2;
  }
  omp_set_num_threads(1);
  std::string system = argv[1];
  int dim, qdim, truth_k;
  size_t n, nq;
  std::vector<float> base = read_fvecs(argv[2], &dim, &n);
  std::vector<float> queries = read_fvecs(argv[3], &qdim, &nq);
  std::vector<int> truth = read_ivecs(argv[4], &truth_k);
  bool ip = std::string(argv[5]) == "ip";
  int m = atoi(argv[6]), efc = atoi(argv[7]), k = atoi(argv[8]);
  std::vector<int> efs;
  std::stringstream ss(argv[9]);
  for (std::string e; std::getline(ss, e, ',');) efs.push_back(atoi(e.c_str()));

  long rss_before = rss_bytes();
  double t0 = now();
  std::unique_ptr<hnswlib::SpaceInterface<float>> space;
  std::unique_ptr<hnswlib::HierarchicalNSW<float>> hnsw;
  std::unique_ptr<faiss::IndexHNSWFlat> faiss_index;
  if (system == "hnswlib") {
    if (ip) space.reset(new hnswlib::InnerProductSpace(dim)); else space.reset(new hnswlib::L2Space(dim));
    hnsw.reset(new hnswlib::HierarchicalNSW<float>(space.get(), n, m, efc, 100));
    for (size_t i = 0; i < n; i++) hnsw->addPoint(base.data() + i * dim, i);
  } else if (system == "faiss") {
    faiss_index.reset(new faiss::IndexHNSWFlat(dim, m, ip ? faiss::METRIC_INNER_PRODUCT : faiss::METRIC_L2));
    faiss_index->hnsw.efConstruction = efc;
    faiss_index->add(n, base.data());
  } else {
    fprintf(stderr, "peers: unknown system %s\n", system.c_str());
    return 2;
  }
  double build = now() - t0;
  long memory = rss_bytes() - rss_before;

  std::vector<faiss::Index::idx_t> labels(k);
  std::vector<float> distances(k);
  for (int ef : efs) {
    long hits = 0;
    double start = now();
    for (size_t q = 0; q < nq; q++) {
      const float* query = queries.data() + q * dim;
      std::unordered_set<int> found;
      if (hnsw) {
        hnsw->setEf(ef);
        auto result = hnsw->searchKnn(query, k);
        while (!result.empty()) { found.insert((int) result.top().second); result.pop(); }
      } else {
        faiss_index->hnsw.efSearch = ef;
        faiss_index->search(1, query, k, distances.data(), labels.data());
        for (int i = 0; i < k; i++) found.insert((int) labels[i]);
      }
      for (int i = 0; i < k; i++) hits += found.count(truth[q * truth_k + i]);
    }
    double seconds = now() - start;
    printf("{\"system\":\"%s\",\"ef\":%d,\"recall\":%.5f,\"qps\":%.2f,\"build_seconds\":%.3f,\"memory_bytes\":%ld}\n",
           system.c_str(), ef, (double) hits / (nq * (double) k), nq / seconds, build, memory);
    fflush(stdout);
  }
  return 0;
}
