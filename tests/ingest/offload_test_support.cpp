// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/offload_test_support.h"

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace rushes::test {
namespace fs = std::filesystem;
namespace {

std::string runPython(const std::string& script, const fs::path& argument) {
    // The script goes through a file, the argument through the environment: no quoting of
    // arbitrary (Unicode, markup-laden) paths on a shell command line.
    const fs::path script_path = fs::temp_directory_path() / ("rushes-mhl-parse-" + std::to_string(::getpid()) + ".py");
    writeWholeFile(script_path, script);
    ::setenv("RUSHES_TEST_XML", argument.c_str(), 1);
    const std::string command = std::string(RUSHES_TEST_PYTHON) + " \"" + script_path.string() + "\"";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot start python");
    std::string output;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
    const int status = ::pclose(pipe);
    fs::remove(script_path);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("python could not parse " + argument.string());
    return output;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

}  // namespace

ScratchDir::ScratchDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("rushes-offload-test-" + std::to_string(random()));
    fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    // Make anything a test locked down removable again.
    for (auto it = fs::recursive_directory_iterator(path_, ignored); !ignored && it != fs::recursive_directory_iterator();
         it.increment(ignored)) {
        if (it->is_directory(ignored)) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ignored);
    }
    fs::remove_all(path_, ignored);
}

std::string readWholeFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeWholeFile(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::vector<fs::path> partialFilesUnder(const fs::path& root) {
    std::vector<fs::path> found;
    std::error_code ignored;
    for (auto it = fs::recursive_directory_iterator(root, ignored); !ignored && it != fs::recursive_directory_iterator();
         it.increment(ignored)) {
        if (it->path().filename().string().ends_with(".rushes-partial")) found.push_back(it->path());
    }
    return found;
}

FakeCard makeFakeCard(const fs::path& parent, std::size_t big_clip_bytes) {
    FakeCard card;
    card.root = parent / "A001_CARD";
    std::mt19937_64 generator(20260724);
    std::string clip(big_clip_bytes, '\0');
    for (char& c : clip) c = static_cast<char>(generator() & 0xff);
    card.big_clip = "PRIVATE/M4ROOT/CLIP/C0001.MP4";
    card.files[card.big_clip] = clip;
    card.files["PRIVATE/M4ROOT/CLIP/C0001M01.XML"] =
        "<?xml version=\"1.0\"?>\n<NonRealTimeMeta><Duration value=\"250\"/></NonRealTimeMeta>\n";
    card.files["PRIVATE/M4ROOT/MEDIAPRO.XML"] = "<MediaProfile/>\n";
    card.files["PRIVATE/AVCHD/BDMV/CLIPINF/00001.CPI"] = std::string(300, '\x42');
    card.files["PRIVATE/M4ROOT/.camera_index"] = "hidden structure the camera needs\n";
    card.files["PRIVATE/M4ROOT/CLIP/C0001.bim"] = std::string(1000, '\x07');
    card.files["EMPTY.BIN"] = "";
    card.files["Notizen & <Übersicht> \"Tag 1\" 日本.txt"] = "Unicode name with XML markup characters\n";
    card.junk = {".DS_Store", ".Spotlight-V100/Store-V2/index", "Thumbs.db", "PRIVATE/._C0001.MP4", ".Trashes/501/x"};
    card.empty_folders = {"DCIM/100MSDCF"};
    for (const auto& [relative, content] : card.files) writeWholeFile(card.root / relative, content);
    for (const fs::path& relative : card.junk) writeWholeFile(card.root / relative, "junk");
    for (const fs::path& relative : card.empty_folders) fs::create_directories(card.root / relative);
    return card;
}

std::map<std::string, std::string> parseMhlWithPython(const fs::path& manifest, const std::string& hash_element) {
    const std::string script =
        "import os, sys, xml.etree.ElementTree as ET\n"
        "sys.stdout.reconfigure(encoding='utf-8')\n"
        "ns = {'m': 'urn:ASC:MHL:v2.0'}\n"
        "root = ET.parse(os.environ['RUSHES_TEST_XML']).getroot()\n"
        "assert root.tag == '{urn:ASC:MHL:v2.0}hashlist' and root.get('version') == '2.0'\n"
        "assert root.find('m:creatorinfo/m:creationdate', ns) is not None\n"
        "assert root.find('m:creatorinfo/m:tool', ns) is not None\n"
        "assert root.find('m:processinfo/m:process', ns).text == 'transfer'\n"
        "for h in root.findall('m:hashes/m:hash', ns):\n"
        "    p = h.find('m:path', ns)\n"
        "    d = h.find('m:" + hash_element + "', ns)\n"
        "    assert p.get('size') is not None and p.get('lastmodificationdate') is not None\n"
        "    assert d.get('action') in ('original', 'verified') and d.get('hashdate')\n"
        "    print(p.text + '\\t' + d.text)\n";
    std::map<std::string, std::string> hashes;
    for (const std::string& line : splitLines(runPython(script, manifest))) {
        const auto tab = line.find('\t');
        hashes[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return hashes;
}

std::vector<std::string> parseChainWithPython(const fs::path& chain) {
    const std::string script =
        "import os, xml.etree.ElementTree as ET\n"
        "ns = {'c': 'urn:ASC:MHL:DIRECTORY:v2.0'}\n"
        "root = ET.parse(os.environ['RUSHES_TEST_XML']).getroot()\n"
        "assert root.tag == '{urn:ASC:MHL:DIRECTORY:v2.0}ascmhldirectory'\n"
        "for h in root.findall('c:hashlist', ns):\n"
        "    print(h.get('sequencenr') + ' ' + h.find('c:path', ns).text + ' ' + h.find('c:c4', ns).text)\n";
    return splitLines(runPython(script, chain));
}

}  // namespace rushes::test
