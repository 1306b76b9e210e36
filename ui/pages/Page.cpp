#include "Page.h"

#include "Session.h"

namespace hearth::ui {

void Page::followSession(Session *session)
{
    if (m_session) {
        m_session->disconnect(this);
        m_session->watchers().disconnect(this);
        m_session->notifications().disconnect(this);
    }
    m_session = session;
}

} // namespace hearth::ui
