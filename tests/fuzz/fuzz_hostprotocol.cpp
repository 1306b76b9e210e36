// libFuzzer target: hearthd's side of the sandbox host protocol. The input
// is the byte stream a (compromised) host could send: it is split into
// frames and each is decoded as hearthd does. Nothing may crash, leak or
// read out of bounds; a frame that decodes must encode and decode back to
// the same message.
#include "sandbox/HostProtocol.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace hearth::sandbox;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Small frames only, so that the fuzzer explores messages, not lengths.
    FrameReader reader(64 * 1024);
    // Fed in uneven pieces, as reads from a socket arrive.
    size_t offset = 0;
    size_t piece = 1;
    while (offset < size) {
        const size_t length = std::min(piece, size - offset);
        reader.append(reinterpret_cast<const char *>(data) + offset, qsizetype(length));
        offset += length;
        piece = piece * 3 % 17 + 1;
        QByteArray payload;
        for (;;) {
            const FrameReader::Status status = reader.next(payload);
            if (status == FrameReader::Status::TooLarge)
                return 0; // hearthd stops the host here
            if (status == FrameReader::Status::NeedMore)
                break;
            auto message = decodeHostMessage(payload);
            if (!message)
                continue; // hearthd stops the host here
            if (const auto *call = std::get_if<SdkCall>(&message.value())) {
                for (qsizetype i = 0; i < call->args.size() + 1; ++i) {
                    (void)byteArgument(call->args, i, 1024);
                    (void)textArgument(call->args, i, 1024);
                }
            }
            const QByteArray again = encodeFrame(encodeHostMessage(message.value()));
            auto decodedAgain = decodeHostMessage(again.mid(FrameHeaderBytes));
            if (!decodedAgain || runOf(decodedAgain.value()) != runOf(message.value()) ||
                decodedAgain->index() != message->index())
                std::abort(); // what hearthd accepts must mean one thing
        }
    }
    return 0;
}
