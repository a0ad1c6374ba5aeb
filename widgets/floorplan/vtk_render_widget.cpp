#include "widgets/floorplan/vtk_render_widget.h"

#include <QElapsedTimer>
#include <QMouseEvent>
#include <QSurfaceFormat>
#include <QWheelEvent>

#include <vtkCellPicker.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkRenderer.h>

namespace pulselab::widgets {

namespace {
constexpr int kClickSlopPixels = 4;
}

VtkRenderWidget::VtkRenderWidget(QWidget* parent)
    : QOpenGLWidget(parent), m_renderWindow(vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New()),
      m_interactor(vtkSmartPointer<vtkGenericRenderWindowInteractor>::New()),
      m_renderer(vtkSmartPointer<vtkRenderer>::New()) {
    // Qt owns the context; VTK renders into its own framebuffer and blits into the one Qt has bound.
    m_renderWindow->SetOwnContext(false);
    m_renderWindow->SetFrameBlitModeToBlitToCurrent();
    m_renderWindow->SetMultiSamples(0);
    m_renderWindow->AddRenderer(m_renderer);

    m_interactor->SetRenderWindow(m_renderWindow);
    // Interactor styles ask for a render after each camera change; the widget schedules a repaint instead,
    // so VTK only ever renders inside paintGL, where the context is current.
    m_interactor->EnableRenderOff();
    vtkNew<vtkInteractorStyleTrackballCamera> style;
    m_interactor->SetInteractorStyle(style);

    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setMinimumSize(160, 120);
}

VtkRenderWidget::~VtkRenderWidget() {
    makeCurrent();
    m_renderWindow->Finalize();
    doneCurrent();
}

void VtkRenderWidget::setDefaultSurfaceFormat() {
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    format.setRedBufferSize(8);
    format.setGreenBufferSize(8);
    format.setBlueBufferSize(8);
    format.setAlphaBufferSize(8);
    format.setSamples(0);
    QSurfaceFormat::setDefaultFormat(format);
}

vtkRenderer* VtkRenderWidget::renderer() const {
    return m_renderer;
}

vtkGenericOpenGLRenderWindow* VtkRenderWidget::renderWindow() const {
    return m_renderWindow;
}

void VtkRenderWidget::initializeGL() {
    m_renderWindow->SetIsCurrent(true);
    m_renderWindow->InitializeFromCurrentContext();
    m_renderWindow->SetReadyForRendering(true);
    const qreal ratio = devicePixelRatioF();
    m_renderWindow->SetSize(static_cast<int>(width() * ratio), static_cast<int>(height() * ratio));
    m_interactor->Initialize();
}

void VtkRenderWidget::resizeGL(int width, int height) {
    const qreal ratio = devicePixelRatioF();
    const int w = static_cast<int>(width * ratio);
    const int h = static_cast<int>(height * ratio);
    m_renderWindow->SetSize(w, h);
    m_interactor->UpdateSize(w, h);
}

void VtkRenderWidget::paintGL() {
    QElapsedTimer timer;
    timer.start();
    m_renderWindow->SetIsCurrent(true);
    m_renderWindow->Render();
    Q_EMIT frameRendered(static_cast<double>(timer.nsecsElapsed()) / 1e6);
}

void VtkRenderWidget::forwardPosition(const QPointF& position, Qt::KeyboardModifiers modifiers) {
    const qreal ratio = devicePixelRatioF();
    m_interactor->SetEventInformationFlipY(
        static_cast<int>(position.x() * ratio), static_cast<int>(position.y() * ratio),
        (modifiers & Qt::ControlModifier) ? 1 : 0, (modifiers & Qt::ShiftModifier) ? 1 : 0);
    m_interactor->SetAltKey((modifiers & Qt::AltModifier) ? 1 : 0);
}

void VtkRenderWidget::mousePressEvent(QMouseEvent* event) {
    m_pressPosition = event->position().toPoint();
    m_dragged = false;
    forwardPosition(event->position(), event->modifiers());
    switch (event->button()) {
    case Qt::LeftButton:
        m_interactor->InvokeEvent(vtkCommand::LeftButtonPressEvent, nullptr);
        break;
    case Qt::MiddleButton:
        m_interactor->InvokeEvent(vtkCommand::MiddleButtonPressEvent, nullptr);
        break;
    case Qt::RightButton:
        m_interactor->InvokeEvent(vtkCommand::RightButtonPressEvent, nullptr);
        break;
    default:
        break;
    }
    update();
}

void VtkRenderWidget::mouseMoveEvent(QMouseEvent* event) {
    if ((event->position().toPoint() - m_pressPosition).manhattanLength() > kClickSlopPixels)
        m_dragged = true;
    forwardPosition(event->position(), event->modifiers());
    m_interactor->InvokeEvent(vtkCommand::MouseMoveEvent, nullptr);
    update();
}

void VtkRenderWidget::mouseReleaseEvent(QMouseEvent* event) {
    forwardPosition(event->position(), event->modifiers());
    switch (event->button()) {
    case Qt::LeftButton:
        m_interactor->InvokeEvent(vtkCommand::LeftButtonReleaseEvent, nullptr);
        if (!m_dragged)
            Q_EMIT propClicked(propAt(event->position().toPoint()));
        break;
    case Qt::MiddleButton:
        m_interactor->InvokeEvent(vtkCommand::MiddleButtonReleaseEvent, nullptr);
        break;
    case Qt::RightButton:
        m_interactor->InvokeEvent(vtkCommand::RightButtonReleaseEvent, nullptr);
        break;
    default:
        break;
    }
    update();
}

void VtkRenderWidget::wheelEvent(QWheelEvent* event) {
    forwardPosition(event->position(), event->modifiers());
    const int delta = event->angleDelta().y();
    if (delta > 0)
        m_interactor->InvokeEvent(vtkCommand::MouseWheelForwardEvent, nullptr);
    else if (delta < 0)
        m_interactor->InvokeEvent(vtkCommand::MouseWheelBackwardEvent, nullptr);
    event->accept();
    update();
}

vtkProp* VtkRenderWidget::propAt(const QPoint& position) {
    const qreal ratio = devicePixelRatioF();
    const double x = position.x() * ratio;
    const double y = (height() - 1 - position.y()) * ratio;
    // A ray-cast picker: it needs no GL context, so picking works between frames.
    vtkNew<vtkCellPicker> picker;
    picker->SetTolerance(0.0005);
    if (picker->Pick(x, y, 0.0, m_renderer) == 0)
        return nullptr;
    return picker->GetViewProp();
}

} // namespace pulselab::widgets
