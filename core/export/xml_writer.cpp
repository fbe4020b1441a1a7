// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/xml_writer.h"

#include <fmt/format.h>

#include <stdexcept>

#include "export/export_text.h"

namespace rushes::exporting {

namespace {
std::string escaped(std::string_view text, bool attribute) {
    std::string out;
    for (char c : singleLine(text)) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += attribute ? "&quot;" : "\""; break;
            default: out += c;
        }
    }
    return out;
}
}  // namespace

XmlWriter::XmlWriter() : out_("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") {}

void XmlWriter::doctype(std::string_view root) {
    out_ += "<!DOCTYPE ";
    out_ += root;
    out_ += ">\n";
}

void XmlWriter::indent() {
    out_.append(open_.size() * 2, ' ');
}

void XmlWriter::writeAttributes(const XmlAttributes& attributes) {
    for (const auto& [name, value] : attributes) {
        out_ += ' ';
        out_ += name;
        out_ += "=\"";
        out_ += escaped(value, true);
        out_ += '"';
    }
}

void XmlWriter::open(std::string_view tag, const XmlAttributes& attributes) {
    indent();
    out_ += '<';
    out_ += tag;
    writeAttributes(attributes);
    out_ += ">\n";
    open_.emplace_back(tag);
}

void XmlWriter::close() {
    if (open_.empty()) throw std::logic_error("XmlWriter: close() without an open element");
    const std::string tag = std::move(open_.back());
    open_.pop_back();
    indent();
    out_ += "</";
    out_ += tag;
    out_ += ">\n";
}

void XmlWriter::leaf(std::string_view tag, std::string_view text, const XmlAttributes& attributes) {
    indent();
    out_ += '<';
    out_ += tag;
    writeAttributes(attributes);
    out_ += '>';
    out_ += escaped(text, false);
    out_ += "</";
    out_ += tag;
    out_ += ">\n";
}

void XmlWriter::empty(std::string_view tag, const XmlAttributes& attributes) {
    indent();
    out_ += '<';
    out_ += tag;
    writeAttributes(attributes);
    out_ += "/>\n";
}

std::string XmlWriter::finish() {
    if (!open_.empty()) throw std::logic_error(fmt::format("XmlWriter: <{}> is still open", open_.back()));
    return std::move(out_);
}

}  // namespace rushes::exporting
