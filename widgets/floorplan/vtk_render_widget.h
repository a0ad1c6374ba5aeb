#pragma once
// A reusable Qt 6 widget that renders a VTK scene. VTK's own Qt widget is built for Qt 5 on Debian 12, so we
// drive a vtkGenericOpenGLRenderWindow from a QOpenGLWidget ourselves: VTK renders into the widget's current
// framebuffer, Qt owns the context, and mouse events are forwarded to a vtkGenericRenderWindowInteractor.
//
// The application must call VtkRenderWidget::setDefaultSurfaceFormat() before constructing QApplication.
#include <QOpenGLWidget>
#include <vtkNew.h>
#include <vtkSmartPointer.h>

class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkRenderer;
class vtkProp;

namespace pulselab::widgets {

class VtkRenderWidget : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit VtkRenderWidget(QWidget* parent = nullptr);
    ~VtkRenderWidget() override;

    /// OpenGL 3.2 core profile with depth buffer, as VTK's OpenGL2 back end needs. Call before QApplication.
    static void setDefaultSurfaceFormat();

    vtkRenderer* renderer() const;
    vtkGenericOpenGLRenderWindow* renderWindow() const;

    /// The prop under a widget position (logical pixels), or nullptr.
    vtkProp* propAt(const QPoint& position);

Q_SIGNALS:
    /// A click (press and release without dragging) on a prop; nullptr when the click hit the background.
    void propClicked(vtkProp* prop);
    /// Emitted after every completed VTK render, with its duration in milliseconds.
    void frameRendered(double milliseconds);

protected:
    void initializeGL() override;
    void resizeGL(int width, int height) override;
    void paintGL() override;

    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    void forwardPosition(const QPointF& position, Qt::KeyboardModifiers modifiers);

    vtkSmartPointer<vtkGenericOpenGLRenderWindow> m_renderWindow;
    vtkSmartPointer<vtkGenericRenderWindowInteractor> m_interactor;
    vtkSmartPointer<vtkRenderer> m_renderer;
    QPoint m_pressPosition;
    bool m_dragged = false;
};

} // namespace pulselab::widgets
